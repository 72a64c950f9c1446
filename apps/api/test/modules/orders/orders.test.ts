import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogFacade } from '../../../src/modules/catalog/index.ts';
import { createCustomersFacade } from '../../../src/modules/customers/index.ts';
import { createOrdersFacade, OrdersNotFoundError } from '../../../src/modules/orders/index.ts';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { injectClient } from '../../helpers/inject-client.ts';
import { describeOrders } from '../../helpers/orders-suite.ts';
import { createCustomer, createProduct } from '../../helpers/shop.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describeOrders('in-process, app.inject', () => injectClient(t.app));

describe('the orders facade', () => {
  it('reads an order the routes placed, and throws OrdersNotFoundError for an unknown one', async () => {
    const client = injectClient(t.app);
    const product = await createProduct(client, 1);
    const customer = await createCustomer(client);
    const placed = await customer.client.request('POST', '/orders', {
      customerId: customer.id,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    const orders = createOrdersFacade({
      pool: t.pool,
      catalog: createCatalogFacade(t.pool),
      customers: createCustomersFacade(t.pool),
    });
    expect(await orders.getOrder(placed.json().id)).toEqual(placed.json());
    await expect(orders.getOrder(randomUUID())).rejects.toBeInstanceOf(OrdersNotFoundError);
  });
});

describe('abandoned orders', () => {
  it('the sweeper gives back the stock of an order whose request died after reserving, and removes it', async () => {
    const client = injectClient(t.app);
    const product = await createProduct(client, 5);
    const customer = await createCustomer(client);
    const catalog = createCatalogFacade(t.pool);
    const orders = createOrdersFacade({ pool: t.pool, catalog, customers: createCustomersFacade(t.pool) });
    // What a request leaves behind when its process dies between reserving and placing.
    const insertPending = (id: string, age: string) =>
      t.pool.query(
        `INSERT INTO orders.orders (id, customer_id, status, total_cents, created_at)
         VALUES ($1, $2, 'pending', 0, now() - $3::interval)`,
        [id, customer.id, age],
      );
    const [dead, live] = [randomUUID(), randomUUID()];
    await insertPending(dead, '10 minutes');
    await insertPending(live, '1 second');
    await catalog.reserveStock(dead, [{ productId: product.id, quantity: 2 }]);
    await catalog.reserveStock(live, [{ productId: product.id, quantity: 1 }]);
    expect((await catalog.getProduct(product.id)).stock).toBe(2);

    expect(await orders.sweepAbandoned()).toBeGreaterThanOrEqual(1);
    expect((await catalog.getProduct(product.id)).stock).toBe(4);
    const rows = await t.pool.query('SELECT id, status FROM orders.orders WHERE id = ANY($1::uuid[])', [
      [dead, live],
    ]);
    expect(rows.rows).toEqual([{ id: live, status: 'pending' }]);
    await expect(orders.getOrder(live)).rejects.toBeInstanceOf(OrdersNotFoundError);
    expect((await customer.client.request('GET', `/orders?customerId=${customer.id}`)).json().total).toBe(0);
  });
});
