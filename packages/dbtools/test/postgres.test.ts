import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DbToolsError, type LocalPostgres, startLocalPostgres } from '../src/index.ts';

const dataDir = mkdtempSync('/tmp/shoestring-dbtools-');
const started: LocalPostgres[] = [];

afterAll(async () => {
  await Promise.all(started.map((server) => server.stop()));
});

async function query(server: LocalPostgres, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('startLocalPostgres', () => {
  it('creates a cluster with generated credentials on first start and keeps the data on the next', async () => {
    // GIVEN an empty data folder
    // WHEN PostgreSQL starts for the first time
    const first = await startLocalPostgres({ dataDir, fast: true });
    started.push(first);
    // THEN it initialised a cluster, the application database exists and the password is not a default
    expect(first.initialised).toBe(true);
    expect(first.majorVersion).toBe(17);
    expect(first.password).toMatch(/^[\w-]{20,}$/);
    await query(first, 'CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)');
    await first.stop();
    expect(existsSync(join(first.pgdata, 'postmaster.pid'))).toBe(false);

    // WHEN it starts again on the same folder
    const second = await startLocalPostgres({ dataDir, fast: true });
    started.push(second);
    // THEN it is a warm start with the same credentials and the data survived
    expect(second.initialised).toBe(false);
    expect(second.password).toBe(first.password);
    expect(await query(second, 'SELECT id FROM kept')).toEqual([{ id: 42 }]);
  });

  it('refuses to start a second server on a folder that is in use', async () => {
    // GIVEN the server of the previous test still runs on dataDir
    // WHEN another start is attempted on the same folder
    const attempt = startLocalPostgres({ dataDir, fast: true });
    // THEN it names the running process instead of corrupting the cluster
    await expect(attempt).rejects.toMatchObject({ code: 'PG_ALREADY_RUNNING' });
  });

  it('explains a data folder made by another PostgreSQL major version', async () => {
    // GIVEN a cluster folder that claims PostgreSQL 15
    const oldDir = mkdtempSync('/tmp/shoestring-dbtools-old-');
    const pgdata = join(oldDir, 'pgdata');
    await import('node:fs/promises').then((fs) => fs.mkdir(pgdata));
    writeFileSync(join(pgdata, 'PG_VERSION'), '15\n');
    // WHEN PostgreSQL 17 is started on it
    const error = await startLocalPostgres({ dataDir: oldDir }).catch((e: unknown) => e);
    // THEN the error names both versions and the way out
    expect(error).toBeInstanceOf(DbToolsError);
    expect((error as DbToolsError).code).toBe('PG_VERSION_MISMATCH');
    expect((error as Error).message).toMatch(/PostgreSQL 15.*PostgreSQL 17.*pg_dump.*rm -rf/s);
  });

  it('names the port when it is taken', async () => {
    // GIVEN a port that a running server already holds
    const busyPort = started[1]!.port;
    // WHEN another cluster tries to listen on it
    const error = await startLocalPostgres({
      dataDir: mkdtempSync('/tmp/shoestring-dbtools-port-'),
      port: busyPort,
      fast: true,
    }).catch((e: unknown) => e);
    // THEN the error says which port
    expect((error as DbToolsError).code).toBe('PG_PORT_IN_USE');
    expect((error as Error).message).toContain(String(busyPort));
  });
});
