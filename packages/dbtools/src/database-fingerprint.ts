/** What the fingerprint needs of a connection: a pg `Client` or `Pool` of any version. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * A hash of every row of every table in `schemas`, computed by PostgreSQL (md5 of each table's rows as text, in
 * order): equal fingerprints mean nothing was written. The tables are found in the catalog each time, so a table a
 * new changeset adds is covered without a list to keep up to date; no table at all is an error, not an empty hash.
 */
export async function databaseFingerprint(client: Queryable, schemas: readonly string[]): Promise<string> {
  const { rows } = await client.query(
    `SELECT format('%I.%I', table_schema, table_name) AS name FROM information_schema.tables
      WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1`,
    [schemas],
  );
  const tables = rows as Array<{ name: string }>;
  if (tables.length === 0) throw new Error(`No tables in the schemas ${schemas.join(', ')}`);
  const parts = tables.map(
    ({ name }) =>
      `SELECT ${pgLiteral(name)} AS t, md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) AS h FROM ${name} r`,
  );
  const result = await client.query(parts.join(' UNION ALL '));
  return (result.rows as Array<{ t: string; h: string }>).map((row) => `${row.t}:${row.h}`).join(' ');
}

function pgLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
