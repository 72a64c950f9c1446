import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CustomersNotFoundError,
  createCustomersFacade,
  createRemoteCustomersFacade,
} from '../../../src/modules/customers/index.ts';
import { ADMIN, buildTestApp, type TestApp, testIssuer } from '../../helpers/app.ts';
import { injectClient } from '../../helpers/inject-client.ts';
import { expectProblem } from '../../helpers/problem.ts';
import { createCustomer, httpClient } from '../../helpers/shop.ts';

let t: TestApp;
let baseUrl: string;
beforeAll(async () => {
  t = await buildTestApp({ MODULES: 'customers' });
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

describe.each([
  ['in-process', () => createCustomersFacade(t.pool)],
  [
    'remote over HTTP',
    () => createRemoteCustomersFacade(baseUrl, { internalToken: testIssuer.internalToken }),
  ],
])('the customers facade, %s', (_binding, facade) => {
  it("finds a user's customer record and throws CustomersNotFoundError for a user without one", async () => {
    const customer = await createCustomer(injectClient(t.app));
    expect(await facade().getCustomerBySubject(customer.subject)).toMatchObject({
      id: customer.id,
      name: 'Cora',
    });
    await expect(facade().getCustomerBySubject(randomUUID())).rejects.toBeInstanceOf(CustomersNotFoundError);
  });
});

describe('the internal customer route', () => {
  it('refuses a caller without the service credential, and a user token, with 403', async () => {
    const customer = await createCustomer(injectClient(t.app));
    const url = `/internal/customers/by-subject/${customer.subject}`;
    const get = (headers: Record<string, string>) =>
      httpClient(() => baseUrl).request('GET', url, undefined, headers);
    expectProblem(await get({}), 403, 'AUTH_INTERNAL_ONLY');
    expectProblem(await get(customer.headers), 403, 'AUTH_INTERNAL_ONLY');
    expectProblem(await get(ADMIN), 403, 'AUTH_INTERNAL_ONLY');
    expectProblem(
      await get({ 'x-internal-token': `${testIssuer.internalToken.slice(1)}x` }),
      403,
      'AUTH_INTERNAL_ONLY',
    );
    expectProblem(
      await get({ authorization: `Bearer ${testIssuer.internalToken}` }),
      403,
      'AUTH_INTERNAL_ONLY',
    );
    const ok = await get({ 'x-internal-token': testIssuer.internalToken });
    expect(ok.statusCode, ok.body).toBe(200);
  });
});
