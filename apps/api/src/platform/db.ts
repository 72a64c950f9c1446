import pg from 'pg';
import type { DatabaseConfig } from './config.ts';
import { prepareStatements } from './prepared-statements.ts';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

/** The PostgreSQL pool every module shares; each query is bounded by the statement timeout. */
export function createPool(config: DatabaseConfig, max = 10): pg.Pool {
  const pool = new pg.Pool({
    ...(config.connectionString
      ? { connectionString: config.connectionString }
      : {
          host: config.host,
          port: config.port,
          database: config.database,
          user: config.user,
          password: config.password,
        }),
    ssl: config.ssl ? { rejectUnauthorized: false } : false,
    max,
    statement_timeout: config.statementTimeoutMs,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30_000,
    application_name: 'shoestring-api',
  });
  // An idle client losing its connection (database restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // So must a checked-out one (mid-transaction): its pending query rejects, and without a listener the 'error' event crashes.
  pool.on('connect', (client) => client.on('error', () => {}));
  // Parse and plan once per connection, not on every query (docs/adr/0131).
  pool.on('connect', prepareStatements);
  return pool;
}

/** Runs `work` in one transaction: commit when it resolves, roll back when it throws. */
export async function withTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** PostgreSQL error codes the API reacts to (https://www.postgresql.org/docs/17/errcodes-appendix.html). */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_CHECK_VIOLATION = '23514';
export const PG_QUERY_CANCELED = '57014';

export function pgErrorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

export function pgConstraint(error: unknown): string | undefined {
  return typeof error === 'object' &&
    error !== null &&
    'constraint' in error &&
    typeof error.constraint === 'string'
    ? error.constraint
    : undefined;
}

const UNAVAILABLE_CODES = ['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'];

/** The database could not be reached or dropped the connection (outage, restart, failover): retry later, not a bug. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = pgErrorCode(error);
  if (code !== undefined && (code.startsWith('08') || UNAVAILABLE_CODES.includes(code))) return true;
  return (
    error instanceof Error &&
    /Connection terminated|timeout exceeded when trying to connect|connection error and is not queryable/.test(
      error.message,
    )
  );
}
