import type pg from 'pg';

const TABLES = [
  'catalog.products',
  'catalog.stock_reservations',
  'customers.customers',
  'orders.orders',
  'orders.order_lines',
];

/** A hash of every row of every shop table: equal fingerprints mean nothing was written. */
export async function databaseFingerprint(client: pg.Client): Promise<string> {
  const parts = TABLES.map(
    (table) =>
      `SELECT '${table}' AS t, md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) AS h FROM ${table} r`,
  );
  const result = await client.query<{ t: string; h: string }>(parts.join(' UNION ALL '));
  return result.rows.map((row) => `${row.t}:${row.h}`).join(' ');
}
