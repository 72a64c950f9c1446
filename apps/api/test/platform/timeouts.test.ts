import pg from 'pg';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { injectClient } from '../helpers/inject-client.ts';
import { expectProblem } from '../helpers/problem.ts';
import { createProduct } from '../helpers/shop.ts';

let locker: pg.Client;
beforeAll(async () => {
  locker = new pg.Client({ connectionString: inject('databaseUrl') });
  await locker.connect();
});
afterAll(() => locker.end());

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
      const product = await createProduct(injectClient(t.app), 1);
      await whileLocked(product.id, async () => {
        const response = await t.app.inject({
          method: 'PATCH',
          url: `/catalog/products/${product.id}`,
          payload: { name: 'x' },
        });
        expectProblem(response, 503, code);
      });
    } finally {
      await t.close();
    }
  });
});
