import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CustomersNotFoundError,
  createCustomersFacade,
  createRemoteCustomersFacade,
} from '../../../src/modules/customers/index.ts';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { injectClient } from '../../helpers/inject-client.ts';
import { createCustomer } from '../../helpers/shop.ts';

let t: TestApp;
let baseUrl: string;
beforeAll(async () => {
  t = await buildTestApp({ MODULES: 'customers' });
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

describe.each([
  ['in-process', () => createCustomersFacade(t.pool)],
  ['remote over HTTP', () => createRemoteCustomersFacade(baseUrl)],
])('the customers facade, %s', (_binding, facade) => {
  it('finds a customer and throws CustomersNotFoundError for an unknown one', async () => {
    const customer = await createCustomer(injectClient(t.app));
    expect(await facade().getCustomer(customer.id)).toMatchObject({ id: customer.id, name: 'Cora' });
    await expect(facade().getCustomer(randomUUID())).rejects.toBeInstanceOf(CustomersNotFoundError);
  });
});
