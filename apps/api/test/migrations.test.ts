import { randomUUID } from 'node:crypto';
import { runLiquibase } from '@shoestring/dbtools';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectedChangesets, pendingChangesets } from '../src/platform/migrations.ts';

const database = `rollback_${randomUUID().replaceAll('-', '')}`;
let admin: pg.Client;
let pool: pg.Pool;
let connection: { url: string; user: string; password: string };

beforeAll(async () => {
  admin = new pg.Client({ connectionString: inject('databaseUrl') });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(inject('databaseUrl'));
  url.pathname = `/${database}`;
  connection = {
    url: url.toString(),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
  pool = new pg.Pool({ connectionString: connection.url, max: 1 });
  pool.on('error', () => {}); // the DROP ... WITH (FORCE) below may end a connection the pool still holds
});
afterAll(async () => {
  await pool.end();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
});

async function moduleSchemas(): Promise<string[]> {
  const result = await pool.query<{ nspname: string }>(
    "SELECT nspname FROM pg_namespace WHERE nspname IN ('catalog', 'customers', 'orders') ORDER BY nspname",
  );
  return result.rows.map((row) => row.nspname);
}

describe('the master changelog, run by real Liquibase', () => {
  it('applies every changeset, rolls every one back, and applies them again', async () => {
    const expected = expectedChangesets();
    await runLiquibase({ command: 'update', connection });
    expect(await pendingChangesets(pool, expected)).toEqual([]);
    expect(await moduleSchemas()).toEqual(['catalog', 'customers', 'orders']);

    await runLiquibase({ command: 'rollback-count', connection, args: [`--count=${expected.length}`] });
    expect(await moduleSchemas()).toEqual([]);
    expect(await pendingChangesets(pool, expected)).toHaveLength(expected.length);

    await runLiquibase({ command: 'update', connection });
    expect(await pendingChangesets(pool, expected)).toEqual([]);
  });
});
