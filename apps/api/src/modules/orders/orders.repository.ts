import { type Pool, withTransaction } from '../../platform/db.ts';
import type { PageResult } from '../../platform/schemas.ts';
import { OrdersNotFoundError } from './orders.errors.ts';
import type { Order, OrderQuery } from './orders.schemas.ts';

interface OrderRow {
  id: string;
  customer_id: string;
  status: 'placed' | 'cancelled';
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
  /** Hash of the request that created the order, to tell an idempotent repeat from a reused key. */
  readonly requestHash: string | null;
}

export interface NewOrderRecord {
  readonly id: string;
  readonly customerId: string;
  readonly lines: Order['lines'];
  readonly idempotencyKey?: string;
  readonly requestHash?: string;
}

const COLUMNS = 'id, customer_id, status, total_cents, request_hash, created_at, cancelled_at';

/** All SQL on orders.orders and orders.order_lines lives here. */
export class OrdersRepository {
  constructor(private readonly pool: Pool) {}

  async insert(record: NewOrderRecord): Promise<Order> {
    const total = record.lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
    await withTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO orders.orders (id, customer_id, status, total_cents, idempotency_key, request_hash)
         VALUES ($1, $2, 'placed', $3, $4, $5)`,
        [record.id, record.customerId, total, record.idempotencyKey ?? null, record.requestHash ?? null],
      );
      await client.query(
        `INSERT INTO orders.order_lines (order_id, line_no, product_id, sku, name, quantity, unit_price_cents)
         SELECT $1, l.line_no, l.product_id, l.sku, l.name, l.quantity, l.unit_price_cents
           FROM unnest($2::uuid[], $3::text[], $4::text[], $5::int[], $6::int[]) WITH ORDINALITY
             AS l(product_id, sku, name, quantity, unit_price_cents, line_no)`,
        [
          record.id,
          record.lines.map((l) => l.productId),
          record.lines.map((l) => l.sku),
          record.lines.map((l) => l.name),
          record.lines.map((l) => l.quantity),
          record.lines.map((l) => l.unitPriceCents),
        ],
      );
    });
    return this.get(record.id);
  }

  async get(id: string): Promise<Order> {
    const result = await this.pool.query<OrderRow>(`SELECT ${COLUMNS} FROM orders.orders WHERE id = $1`, [
      id,
    ]);
    if (!result.rows[0]) throw new OrdersNotFoundError(`Order ${id} does not exist.`);
    return (await this.withLines(result.rows))[0]!.order;
  }

  async findByIdempotencyKey(key: string): Promise<StoredOrder | undefined> {
    const result = await this.pool.query<OrderRow>(
      `SELECT ${COLUMNS} FROM orders.orders WHERE idempotency_key = $1`,
      [key],
    );
    return (await this.withLines(result.rows))[0];
  }

  async list(query: OrderQuery): Promise<PageResult<Order>> {
    const customerId = query.customerId ?? null;
    const [page, count] = await Promise.all([
      this.pool.query<OrderRow>(
        `SELECT ${COLUMNS} FROM orders.orders WHERE ($1::uuid IS NULL OR customer_id = $1)
          ORDER BY created_at, id LIMIT $2 OFFSET $3`,
        [customerId, query.limit, query.offset],
      ),
      this.pool.query<{ total: string }>(
        'SELECT count(*) AS total FROM orders.orders WHERE ($1::uuid IS NULL OR customer_id = $1)',
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
      order: {
        id: row.id,
        customerId: row.customer_id,
        status: row.status,
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
