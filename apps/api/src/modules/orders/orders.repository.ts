import { type Pool, withTransaction } from '../../platform/db.ts';
import type { PageResult } from '../../platform/schemas.ts';
import { OrdersNotFoundError } from './orders.errors.ts';
import type { Order, OrderQuery } from './orders.schemas.ts';

/** `pending` while stock is being reserved, `abandoned` once the sweeper took it over; neither is ever shown. */
type RowStatus = 'pending' | 'placed' | 'cancelled' | 'abandoned';

interface OrderRow {
  id: string;
  customer_id: string;
  status: RowStatus;
  total_cents: string;
  request_hash: string | null;
  created_at: Date;
  cancelled_at: Date | null;
}

interface LineRow {
  order_id: string;
  product_id: string;
  sku: string;
  name: string;
  quantity: number;
  unit_price_cents: number;
}

export interface StoredOrder {
  readonly order: Order;
  readonly status: RowStatus;
  /** Hash of the request that created the order, to tell an idempotent repeat from a reused key. */
  readonly requestHash: string | null;
}

export interface PendingOrderRecord {
  readonly id: string;
  readonly customerId: string;
  readonly idempotencyKey?: string;
  readonly requestHash?: string;
}

const COLUMNS = 'id, customer_id, status, total_cents, request_hash, created_at, cancelled_at';
const VISIBLE = "status IN ('placed', 'cancelled')";

/** All SQL on orders.orders and orders.order_lines lives here. */
export class OrdersRepository {
  constructor(private readonly pool: Pool) {}

  /** Writes the order before any stock is reserved: unique on the Idempotency-Key, invisible until placed. */
  async insertPending(record: PendingOrderRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO orders.orders (id, customer_id, status, total_cents, idempotency_key, request_hash)
       VALUES ($1, $2, 'pending', 0, $3, $4)`,
      [record.id, record.customerId, record.idempotencyKey ?? null, record.requestHash ?? null],
    );
  }

  /** Pending -> placed with its reserved lines; false when the sweeper abandoned it first. */
  async markPlaced(id: string, lines: Order['lines']): Promise<boolean> {
    const total = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
    return withTransaction(this.pool, async (client) => {
      const placed = await client.query(
        `UPDATE orders.orders SET status = 'placed', total_cents = $2 WHERE id = $1 AND status = 'pending'`,
        [id, total],
      );
      if (placed.rowCount !== 1) return false;
      await client.query(
        `INSERT INTO orders.order_lines (order_id, line_no, product_id, sku, name, quantity, unit_price_cents)
         SELECT $1, l.line_no, l.product_id, l.sku, l.name, l.quantity, l.unit_price_cents
           FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::int[]) WITH ORDINALITY
             AS l(product_id, sku, name, quantity, unit_price_cents, line_no)`,
        [
          id,
          lines.map((l) => l.productId),
          lines.map((l) => l.sku),
          lines.map((l) => l.name),
          lines.map((l) => l.quantity),
          lines.map((l) => l.unitPriceCents),
        ],
      );
      return true;
    });
  }

  /** Pending -> abandoned, so nothing can place it any more; false when it was not pending (already settled). */
  async abandon(id: string): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE orders.orders SET status = 'abandoned' WHERE id = $1 AND status = 'pending'`,
      [id],
    );
    return result.rowCount === 1;
  }

  /**
   * Marks pending orders older than `olderThanMs` abandoned (their request died mid-way) and returns every
   * abandoned order id, including ones an earlier sweep could not finish.
   */
  async claimAbandoned(olderThanMs: number): Promise<string[]> {
    await this.pool.query(
      `UPDATE orders.orders SET status = 'abandoned'
        WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1::double precision / 1000)`,
      [olderThanMs],
    );
    const abandoned = await this.pool.query<{ id: string }>(
      `SELECT id FROM orders.orders WHERE status = 'abandoned' ORDER BY created_at LIMIT 100`,
    );
    return abandoned.rows.map((row) => row.id);
  }

  async deleteAbandoned(id: string): Promise<void> {
    await this.pool.query(`DELETE FROM orders.orders WHERE id = $1 AND status = 'abandoned'`, [id]);
  }

  async get(id: string): Promise<Order> {
    const result = await this.pool.query<OrderRow>(
      `SELECT ${COLUMNS} FROM orders.orders WHERE id = $1 AND ${VISIBLE}`,
      [id],
    );
    if (!result.rows[0]) throw new OrdersNotFoundError(`Order ${id} does not exist.`);
    return (await this.withLines(result.rows))[0]!.order;
  }

  /** The order holding an Idempotency-Key, in whatever state (a pending one is still being placed). */
  async findByIdempotencyKey(key: string): Promise<StoredOrder | undefined> {
    return this.findStored('idempotency_key', key);
  }

  /** An order in whatever state, by id. */
  async findById(id: string): Promise<StoredOrder | undefined> {
    return this.findStored('id', id);
  }

  private async findStored(
    column: 'id' | 'idempotency_key',
    value: string,
  ): Promise<StoredOrder | undefined> {
    const result = await this.pool.query<OrderRow>(
      `SELECT ${COLUMNS} FROM orders.orders WHERE ${column} = $1`,
      [value],
    );
    return (await this.withLines(result.rows))[0];
  }

  async list(query: OrderQuery): Promise<PageResult<Order>> {
    const customerId = query.customerId ?? null;
    const [page, count] = await Promise.all([
      this.pool.query<OrderRow>(
        `SELECT ${COLUMNS} FROM orders.orders WHERE ($1::uuid IS NULL OR customer_id = $1) AND ${VISIBLE}
          ORDER BY created_at, id LIMIT $2 OFFSET $3`,
        [customerId, query.limit, query.offset],
      ),
      this.pool.query<{ total: string }>(
        `SELECT count(*) AS total FROM orders.orders WHERE ($1::uuid IS NULL OR customer_id = $1) AND ${VISIBLE}`,
        [customerId],
      ),
    ]);
    const items = (await this.withLines(page.rows)).map((stored) => stored.order);
    return { items, total: Number(count.rows[0]?.total ?? 0), limit: query.limit, offset: query.offset };
  }

  /** Flips a placed order to cancelled; false when it was not (or no longer) placed. */
  async markCancelled(id: string): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE orders.orders SET status = 'cancelled', cancelled_at = now() WHERE id = $1 AND status = 'placed'`,
      [id],
    );
    return result.rowCount === 1;
  }

  private async withLines(rows: OrderRow[]): Promise<StoredOrder[]> {
    if (rows.length === 0) return [];
    const lines = await this.pool.query<LineRow>(
      `SELECT order_id, product_id, sku, name, quantity, unit_price_cents FROM orders.order_lines
        WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, line_no`,
      [rows.map((row) => row.id)],
    );
    return rows.map((row) => ({
      requestHash: row.request_hash,
      status: row.status,
      order: {
        id: row.id,
        customerId: row.customer_id,
        status: row.status === 'cancelled' ? 'cancelled' : 'placed',
        totalCents: Number(row.total_cents),
        createdAt: row.created_at.toISOString(),
        cancelledAt: row.cancelled_at?.toISOString() ?? null,
        lines: lines.rows
          .filter((line) => line.order_id === row.id)
          .map((line) => ({
            productId: line.product_id,
            sku: line.sku,
            name: line.name,
            quantity: line.quantity,
            unitPriceCents: line.unit_price_cents,
          })),
      },
    }));
  }
}
