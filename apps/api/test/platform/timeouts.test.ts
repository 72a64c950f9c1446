import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN, buildTestApp, type TestApp } from '../helpers/app.ts';
import { injectClient } from '../helpers/inject-client.ts';
import { expectProblem } from '../helpers/problem.ts';
import { createProduct } from '../helpers/shop.ts';

let locker: pg.Client;
// Products are made by an app with the default timeouts: the short ones under test are for the request under test.
let setup: TestApp;
beforeAll(async () => {
  locker = new pg.Client({ connectionString: inject('databaseUrl') });
  await locker.connect();
  setup = await buildTestApp();
});
afterAll(async () => {
  await locker.end();
  await setup.close();
});

/** Holds a row lock on the product (as a slow transaction elsewhere would) while `during` runs. */
async function whileLocked(productId: string, during: () => Promise<void>) {
  await locker.query('BEGIN');
  await locker.query('SELECT 1 FROM catalog.products WHERE id = $1 FOR UPDATE', [productId]);
  try {
    await during();
  } finally {
    await locker.query('ROLLBACK');
  }
}

describe('timeouts', () => {
  it.each([
    ['a statement after DB_STATEMENT_TIMEOUT_MS', { DB_STATEMENT_TIMEOUT_MS: '300' }, 'DATABASE_TIMEOUT'],
    [
      'a request after REQUEST_TIMEOUT_MS',
      { REQUEST_TIMEOUT_MS: '300', DB_STATEMENT_TIMEOUT_MS: '2000' },
      'REQUEST_TIMEOUT',
    ],
  ])('abandons %s with a 503 problem', async (_what, env, code) => {
    const t: TestApp = await buildTestApp(env);
    try {
      const product = await createProduct(injectClient(setup.app), 1);
      await whileLocked(product.id, async () => {
        const response = await t.app.inject({
          method: 'PATCH',
          url: `/catalog/products/${product.id}`,
          headers: ADMIN,
          payload: { name: 'x' },
        });
        expectProblem(response, 503, code);
      });
    } finally {
      await t.close();
    }
  });

  it('abandons a write over a real socket after REQUEST_TIMEOUT_MS (Fastify handlerTimeout alone misses it)', async () => {
    // GIVEN an API listening on a socket with a short request timeout, and a product row locked elsewhere
    const t: TestApp = await buildTestApp({ REQUEST_TIMEOUT_MS: '300', DB_STATEMENT_TIMEOUT_MS: '3000' });
    try {
      const product = await createProduct(injectClient(setup.app), 1);
      const origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
      await whileLocked(product.id, async () => {
        // WHEN a PATCH with a body waits on the lock
        const started = performance.now();
        const response = await fetch(`${origin}/catalog/products/${product.id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', ...ADMIN },
          body: JSON.stringify({ name: 'x' }),
        });
        // THEN the client gets the timeout problem before the statement timeout would have fired
        expect(response.status).toBe(503);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        expect(await response.json()).toMatchObject({ code: 'REQUEST_TIMEOUT' });
        expect(performance.now() - started).toBeLessThan(2500);
      });
    } finally {
      await t.close();
    }
  });
});
