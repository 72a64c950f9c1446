import { createHash } from 'node:crypto';
import pg from 'pg';

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
type QueryCallback = ConstructorParameters<typeof pg.Query>[2];

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
    const callback = args[2];
    // pool.query passes a callback third. A query built from the text, then named, is the same query as one from
    // `{ name, text, values }`, without pg copying that object through its property descriptors (2 % of a
    // primary-key read's CPU, docs/performance.md).
    if (typeof callback === 'function') {
      const named = new pg.Query(text, values, callback as QueryCallback) as pg.Query & { name?: string };
      named.name = name;
      return query(named);
    }
    // A direct client.query may pass nothing more and wait for the promise pg makes for a config object.
    return query({ name, text, values });
  };
}
