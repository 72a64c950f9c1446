import { readContainerEnv } from '@shoestring/contract';
import pg from 'pg';
import { POOL_CONNECT_TIMEOUT_MS, POOL_SIZE } from '../../apps/api/src/platform/db.ts';

/** The API's pool settings (size, connect timeout, default statement timeout) for a reference server. */
export function referencePool(applicationName: string): pg.Pool {
  const { DB_STATEMENT_TIMEOUT_MS } = readContainerEnv({}, { only: ['DB_STATEMENT_TIMEOUT_MS'] }).values;
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: POOL_SIZE,
    statement_timeout: DB_STATEMENT_TIMEOUT_MS,
    connectionTimeoutMillis: POOL_CONNECT_TIMEOUT_MS,
    application_name: applicationName,
  });
  pool.on('error', () => {});
  return pool;
}
