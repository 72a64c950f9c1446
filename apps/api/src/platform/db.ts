import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import type { DatabaseConfig } from './config.ts';
import { prepareStatements } from './prepared-statements.ts';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

/** Connections per API process's pool. */
export const POOL_SIZE = 10;
/** How long a query waits to connect or for a free pool client before it fails. */
export const POOL_CONNECT_TIMEOUT_MS = 5000;

/** The PostgreSQL pool every module shares; each query is bounded by the statement timeout. */
export function createPool(config: DatabaseConfig, max = POOL_SIZE): pg.Pool {
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
    ssl: tlsOptions(config),
    max,
    statement_timeout: config.statementTimeoutMs,
    connectionTimeoutMillis: POOL_CONNECT_TIMEOUT_MS,
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

/**
 * `verify-full` trusts only the configured CAs and checks the certificate was issued for the host (Node's
 * checkServerIdentity; pg passes the host as the TLS server name), like libpq's mode of that name.
 */
function tlsOptions(config: DatabaseConfig): ConnectionOptions | false {
  if (config.sslMode === 'verify-full') return { ca: config.ca, rejectUnauthorized: true };
  if (config.sslMode === 'require') return { rejectUnauthorized: false };
  return false;
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
/** OpenSSL's verification codes (UNABLE_TO_VERIFY_LEAF_SIGNATURE, CERT_HAS_EXPIRED, ...) and Node's TLS ones. */
const UNTRUSTED_CERTIFICATE = /CERT|UNABLE_TO_VERIFY|^ERR_SSL_/;

/**
 * The database could not be reached or dropped the connection (outage, restart, failover), or its TLS certificate
 * is not trusted (another CA, another host name, expired): retry later, not a bug (the log says which).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = pgErrorCode(error);
  if (
    code?.startsWith('08') ||
    UNAVAILABLE_CODES.includes(code ?? '') ||
    UNTRUSTED_CERTIFICATE.test(code ?? '')
  )
    return true;
  return (
    error instanceof Error &&
    /Connection terminated|timeout exceeded when trying to connect|connection error and is not queryable|server does not support SSL/.test(
      error.message,
    )
  );
}
