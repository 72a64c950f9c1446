import { afterAll, beforeAll } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { injectClient } from '../../helpers/inject-client.ts';
import { describeOrders } from '../../helpers/orders-suite.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describeOrders('in-process, app.inject', () => injectClient(t.app));
