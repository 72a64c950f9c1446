import { randomUUID } from 'node:crypto';
import { findFreePort } from '@shoestring/dbtools';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { expectProblem } from '../helpers/problem.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('/health and /ready', () => {
  it('is live and ready on a migrated database', async () => {
    expect((await t.app.inject({ url: '/health' })).json()).toEqual({ status: 'ok', database: 'up' });
    expect((await t.app.inject({ url: '/ready' })).json()).toEqual({ status: 'ready' });
  });

  it('stays live but is not ready when the database is unreachable', async () => {
    const port = await findFreePort();
    const down = await buildTestApp({ DATABASE_URL: `postgres://nobody:x@127.0.0.1:${port}/none` });
    try {
      expect((await down.app.inject({ url: '/health' })).json()).toEqual({ status: 'ok', database: 'down' });
      const ready = expectProblem(await down.app.inject({ url: '/ready' }), 503, 'NOT_READY');
      expect(ready.detail).toMatch(/database is unreachable/);
    } finally {
      await down.close();
    }
  });

  it('is not ready while migrations are missing, naming them', async () => {
    const database = `empty_${randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Client({ connectionString: inject('databaseUrl') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    const url = new URL(inject('databaseUrl'));
    url.pathname = `/${database}`;
    const empty = await buildTestApp({ DATABASE_URL: url.toString() });
    try {
      const ready = expectProblem(await empty.app.inject({ url: '/ready' }), 503, 'NOT_READY');
      expect(ready.detail).toMatch(
        /database migration\(s\) not applied: src\/modules\/catalog\/changelog\/001-catalog.sql::catalog-001-schema/,
      );
    } finally {
      await empty.close();
      await admin.query(`DROP DATABASE ${database}`);
      await admin.end();
    }
  });

  it('fails /ready once draining starts, while /health and the API keep answering', async () => {
    const draining = await buildTestApp();
    try {
      draining.app.startDraining();
      expectProblem(await draining.app.inject({ url: '/ready' }), 503, 'NOT_READY');
      expect((await draining.app.inject({ url: '/health' })).statusCode).toBe(200);
      expect((await draining.app.inject({ url: '/catalog/products' })).statusCode).toBe(200);
    } finally {
      await draining.close();
    }
  });
});
