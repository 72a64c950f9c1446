import { randomUUID } from 'node:crypto';
import pg from 'pg';

export interface SeedOptions {
  /** @default 1000 */
  readonly products?: number;
  /** @default 100 */
  readonly customers?: number;
  /** Stock of every product; large so that benchmarks and load tests never run out. @default 1_000_000 */
  readonly stock?: number;
}

export interface SeededShop {
  readonly productIds: readonly string[];
  readonly customerIds: readonly string[];
  /** The token subject (`sub`) each customer signs in with, in the order of `customerIds`. */
  readonly customerSubjects: readonly string[];
  readonly stock: number;
}

/** A seeded shop whose customers are signed in: `customerTokens[i]` is the access token of `customerIds[i]`. */
export interface SignedInShop extends SeededShop {
  readonly customerTokens: readonly string[];
}

/** Signs every seeded customer in: `token` issues an access token for a subject. */
export async function signIn(
  shop: SeededShop,
  token: (sub: string) => Promise<string>,
): Promise<SignedInShop> {
  return { ...shop, customerTokens: await Promise.all(shop.customerSubjects.map(token)) };
}

/**
 * Fills the shop's tables in two statements (far faster than thousands of API calls). The rows look like ones the
 * API creates: same columns, defaults for ids and timestamps.
 */
export async function seedShop(databaseUrl: string, options: SeedOptions = {}): Promise<SeededShop> {
  const products = options.products ?? 1000;
  const customers = options.customers ?? 100;
  const stock = options.stock ?? 1_000_000;
  // A tag per call keeps SKUs and emails unique when several test files seed one shared database.
  const tag = randomUUID().slice(0, 8);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const productRows = await client.query<{ id: string }>(
      `INSERT INTO catalog.products (sku, name, price_cents, stock)
       SELECT 'SEED-' || $3 || '-' || lpad(n::text, 6, '0'), 'Seeded product ' || n, 100 + (n * 37) % 9900, $2
         FROM generate_series(1, $1) AS n
       RETURNING id`,
      [products, stock, tag],
    );
    const customerRows = await client.query<{ id: string; subject: string }>(
      `INSERT INTO customers.customers (email, name, subject)
       SELECT 'seed-' || $2 || '-' || n || '@example.com', 'Seeded customer ' || n, 'seed-' || $2 || '-' || n
         FROM generate_series(1, $1) AS n
       RETURNING id, subject`,
      [customers, tag],
    );
    await client.query('ANALYZE');
    return {
      productIds: productRows.rows.map((row) => row.id),
      customerIds: customerRows.rows.map((row) => row.id),
      customerSubjects: customerRows.rows.map((row) => row.subject),
      stock,
    };
  } finally {
    await client.end();
  }
}

/**
 * Empties the orders and the stock reservations and puts every product's stock back, so each benchmark run of
 * POST /orders starts from the same tables.
 */
export async function resetOrders(databaseUrl: string, stock: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Orders still in flight from the last run hold product rows; locking every table first (products first, as
    // they do) waits for them instead of deadlocking with them.
    await client.query('BEGIN');
    await client.query(
      'LOCK TABLE catalog.products, catalog.stock_reservations, orders.orders, orders.order_lines IN ACCESS EXCLUSIVE MODE',
    );
    await client.query('TRUNCATE orders.order_lines, orders.orders, catalog.stock_reservations');
    await client.query('UPDATE catalog.products SET stock = $1', [stock]);
    await client.query('COMMIT');
    await client.query('VACUUM ANALYZE catalog.products');
  } finally {
    await client.end();
  }
}

/**
 * Gives every seeded customer `perCustomer` placed orders of two lines each (products taken in turn), written the way
 * the API writes them; the stock is left alone. Call it after `resetOrders`.
 */
export async function seedOrders(databaseUrl: string, shop: SeededShop, perCustomer: number): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO orders.orders (id, customer_id, status, total_cents)
       SELECT gen_random_uuid(), c.id, 'placed', 0
         FROM unnest($1::uuid[]) AS c(id), generate_series(1, $2)`,
      [shop.customerIds, perCustomer],
    );
    await client.query(
      `INSERT INTO orders.order_lines (order_id, line_no, product_id, sku, name, quantity, unit_price_cents)
       SELECT o.id, l.line_no, p.id, p.sku, p.name, l.line_no, p.price_cents
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM orders.orders) AS o
        CROSS JOIN generate_series(1, 2) AS l(line_no)
         JOIN (SELECT id, sku, name, price_cents, row_number() OVER (ORDER BY id) AS n FROM catalog.products) AS p
           ON p.n = 1 + (o.n * 2 + l.line_no) % $1`,
      [shop.productIds.length],
    );
    await client.query(
      `UPDATE orders.orders o SET total_cents = t.total
         FROM (SELECT order_id, sum(quantity * unit_price_cents) AS total FROM orders.order_lines GROUP BY order_id) t
        WHERE t.order_id = o.id`,
    );
    await client.query('COMMIT');
    await client.query('ANALYZE orders.orders, orders.order_lines');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
