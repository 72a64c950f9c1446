import { once } from 'node:events';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildTestApp, type TestApp, unique } from '../../helpers/app.ts';
import { injectClient } from '../../helpers/inject-client.ts';
import { startServer } from '../../helpers/server-process.ts';
import { createCustomer, createProduct, httpClient, stockOf, withHeaders } from '../../helpers/shop.ts';

let t: TestApp;
let locker: pg.Client;
beforeAll(async () => {
  t = await buildTestApp();
  locker = new pg.Client({ connectionString: inject('databaseUrl') });
  await locker.connect();
});
afterAll(async () => {
  await locker.end();
  await t.close();
});

describe('a process that dies while placing an order', () => {
  it('leaves nothing the retry of its Idempotency-Key cannot finish: one order, stock taken once', async () => {
    const client = injectClient(t.app);
    const product = await createProduct(client, 5);
    const customer = await createCustomer(client);
    const body = { customerId: customer.id, lines: [{ productId: product.id, quantity: 2 }] };
    const key = unique('crash');

    // The first process gets as far as the stock reservation, which waits on a row lock; then it is killed.
    const doomed = await startServer();
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM catalog.products WHERE id = $1 FOR UPDATE', [product.id]);
    const lost = withHeaders(
      httpClient(() => doomed.url),
      customer.headers,
    )
      .request('POST', '/orders', body, { 'idempotency-key': key })
      .catch(() => undefined);
    await waitFor(async () => (await pendingOrders(customer.id)) === 1);
    doomed.child.kill('SIGKILL');
    await once(doomed.child, 'exit');
    await lost;
    await locker.query('ROLLBACK');

    // The client retries with the same key against another process.
    const retry = await customer.client.request('POST', '/orders', body, { 'idempotency-key': key });
    expect(retry.statusCode, retry.body).toBe(201);
    const repeat = await customer.client.request('POST', '/orders', body, { 'idempotency-key': key });
    expect(repeat.statusCode).toBe(200);
    expect(repeat.json().id).toBe(retry.json().id);
    expect(await stockOf(client, product.id)).toBe(3);
    expect((await customer.client.request('GET', `/orders?customerId=${customer.id}`)).json().total).toBe(1);
  });
});

async function pendingOrders(customerId: string): Promise<number> {
  const result = await t.pool.query(
    "SELECT count(*)::int AS n FROM orders.orders WHERE customer_id = $1 AND status = 'pending'",
    [customerId],
  );
  return result.rows[0].n;
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
