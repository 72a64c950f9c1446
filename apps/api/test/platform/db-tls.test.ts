import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { type LocalPostgres, serveTls, startLocalPostgres, TestCa, verifyFullEnv } from '@shoestring/dbtools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODULE_SPECS } from '../../src/module-specs.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createPool, isDatabaseUnavailable } from '../../src/platform/db.ts';
import { buildTestApp } from '../helpers/app.ts';
import { expectProblem } from '../helpers/problem.ts';

/** The name the client dials; the server certificate must be issued for it (as RDS's is for its endpoint). */
const HOST = 'localhost';

let dir: string;
let server: LocalPostgres;
let trusted: TestCa;
let stranger: TestCa;

beforeAll(async () => {
  dir = mkdtempSync('/tmp/shoestring-db-tls-');
  trusted = new TestCa(dir, 'trusted-ca');
  stranger = new TestCa(dir, 'other-ca');
  server = await startLocalPostgres({ dataDir: path.join(dir, 'db'), fast: true });
  await serveTls(server, trusted.issue(HOST));
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
  if (server) rmSync(server.pgdata, { recursive: true, force: true });
});

/** The environment the cloud gives a task, minus the shared test database's DATABASE_URL. */
function cloudEnv(rootCert: string): Record<string, string> {
  return { DATABASE_URL: '', ...verifyFullEnv(server, rootCert, HOST) };
}

async function query(env: Record<string, string>) {
  const pool = createPool(loadConfig(env, MODULE_SPECS).database, 1);
  try {
    return await pool.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
  } finally {
    await pool.end();
  }
}

describe('DB_SSL=verify-full against a PostgreSQL with TLS', () => {
  it('connects over TLS when the certificate chains to DB_SSL_ROOT_CERT and names DB_HOST', async () => {
    const result = await query(cloudEnv(trusted.certFile));
    expect(result.rows).toEqual([{ ssl: true }]);
  });

  it('refuses a server whose certificate comes from another CA', async () => {
    const error = await query(cloudEnv(stranger.certFile)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/unable to verify the first certificate/);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('answers 503, never 500, and logs why, when the database certificate is not trusted', async () => {
    const t = await buildTestApp(cloudEnv(stranger.certFile));
    try {
      const ready = expectProblem(await t.app.inject({ url: '/ready' }), 503, 'NOT_READY');
      expect(ready.detail).toMatch(/database is unreachable/);
      expectProblem(await t.app.inject({ url: '/catalog/products' }), 503, 'DATABASE_UNAVAILABLE');
      expect(JSON.stringify(t.logs)).toMatch(/unable to verify the first certificate/);
    } finally {
      await t.close();
    }
  });

  it('refuses a certificate of the right CA issued for another host name', async () => {
    await serveTls(server, trusted.issue('db.elsewhere.internal'));
    const error = await query(cloudEnv(trusted.certFile)).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect((error as Error).message).toMatch(/Hostname\/IP does not match certificate's altnames/);
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it('still connects with require (encrypted, unverified), the mode verify-full replaces in the cloud', async () => {
    const result = await query({ ...cloudEnv(''), DB_SSL: 'require' });
    expect(result.rows).toEqual([{ ssl: true }]);
  });
});
