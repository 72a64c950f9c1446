import { createHash } from 'node:crypto';
import type pg from 'pg';

/** Distinct statements prepared per process; any beyond run unnamed, so dynamic SQL cannot grow memory without end. */
export const MAX_PREPARED_STATEMENTS = 500;

const names = new Map<string, string>();

/**
 * The name a parameterised statement is prepared under, the same on every connection; undefined once
 * MAX_PREPARED_STATEMENTS texts have names.
 */
export function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_PREPARED_STATEMENTS) {
    name = `s_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

type QueryFn = (...args: unknown[]) => unknown;

/**
 * Makes every query with parameters on this client a named prepared statement: PostgreSQL parses and plans it on
 * the connection's first use and then only binds and executes it (pg keeps the names per connection and sends the
 * Parse message once). Queries without parameters (BEGIN, COMMIT) stay on the simple protocol. Call from the pool's
 * `connect` event, so `pool.query` and transactions both use it.
 */
export function prepareStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as QueryFn;
  (client as unknown as { query: QueryFn }).query = (...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text !== 'string' || !Array.isArray(values)) return query(...args);
    const name = statementName(text);
    if (name === undefined) return query(...args);
    // pool.query passes a callback third; a direct client.query may pass nothing more.
    return args.length > 2 ? query({ name, text, values }, args[2]) : query({ name, text, values });
  };
}
