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
    const placed = await client.request('POST', '/orders', {
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
