import { type Pool, type PoolClient, withTransaction } from '../../platform/db.ts';
import { CatalogOutOfStockError } from './catalog.errors.ts';
import type { ReservedLine, StockRequestLine } from './catalog.schemas.ts';
import { productNotFound } from './products.repository.ts';

/**
 * Reserves stock for several products at once, all or nothing, in one transaction. `reservationId` (the order id)
 * makes it idempotent: reserving again with the same id returns the first result and takes nothing more.
 */
export async function reserveStock(pool: Pool, reservationId: string, lines: readonly StockRequestLine[]) {
  return withTransaction(pool, async (client) => {
    // A concurrent call with the same id waits here for the first one to commit, then sees its row.
    const claimed = await client.query(
      `INSERT INTO catalog.stock_reservations (id, lines) VALUES ($1, '[]') ON CONFLICT (id) DO NOTHING`,
      [reservationId],
    );
    if (claimed.rowCount === 0) return existingLines(client, reservationId);

    const reserved: ReservedLine[] = new Array(lines.length);
    // A fixed lock order (by product id) keeps two multi-line orders from deadlocking.
    const lockOrder = lines.map((line, index) => ({ line, index }));
    lockOrder.sort((a, b) => a.line.productId.localeCompare(b.line.productId));
    for (const { line, index } of lockOrder) reserved[index] = await takeStock(client, line);
    await client.query('UPDATE catalog.stock_reservations SET lines = $2 WHERE id = $1', [
      reservationId,
      JSON.stringify(reserved),
    ]);
    return reserved;
  });
}

/** Gives the stock of a reservation back, once: releasing again (a retry, a second cancel) changes nothing. */
export async function releaseStock(pool: Pool, reservationId: string): Promise<void> {
  await withTransaction(pool, async (client) => {
    const released = await client.query<{ lines: ReservedLine[] }>(
      `UPDATE catalog.stock_reservations SET released_at = now()
        WHERE id = $1 AND released_at IS NULL RETURNING lines`,
      [reservationId],
    );
    for (const line of released.rows[0]?.lines ?? []) {
      await client.query('UPDATE catalog.products SET stock = stock + $2, updated_at = now() WHERE id = $1', [
        line.productId,
        line.quantity,
      ]);
    }
  });
}

async function takeStock(client: PoolClient, line: StockRequestLine): Promise<ReservedLine> {
  // The conditional decrement is atomic: concurrent reservations queue on the row lock and re-check the stock.
  const taken = await client.query<{ sku: string; name: string; price_cents: number }>(
    `UPDATE catalog.products SET stock = stock - $2, updated_at = now()
      WHERE id = $1 AND stock >= $2 RETURNING sku, name, price_cents`,
    [line.productId, line.quantity],
  );
  const row = taken.rows[0];
  if (row) {
    return {
      productId: line.productId,
      sku: row.sku,
      name: row.name,
      quantity: line.quantity,
      unitPriceCents: row.price_cents,
    };
  }
  const exists = await client.query<{ stock: number }>('SELECT stock FROM catalog.products WHERE id = $1', [
    line.productId,
  ]);
  if (!exists.rows[0]) throw productNotFound(line.productId);
  throw new CatalogOutOfStockError(
    `Product ${line.productId} has ${exists.rows[0].stock} in stock; ${line.quantity} requested.`,
  );
}

async function existingLines(client: PoolClient, reservationId: string): Promise<ReservedLine[]> {
  const result = await client.query<{ lines: ReservedLine[] }>(
    'SELECT lines FROM catalog.stock_reservations WHERE id = $1',
    [reservationId],
  );
  return result.rows[0]?.lines ?? [];
}
