import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unique } from './helpers/app.ts';
import { describeOrders } from './helpers/orders-suite.ts';
import { expectProblem } from './helpers/problem.ts';
import { type ServerProcess, startServer } from './helpers/server-process.ts';
import { createCustomer, createProduct, httpClient, type ShopClient, withHeaders } from './helpers/shop.ts';

describe('one process, over a real socket', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    expect(await server.stop()).toBe(0);
  });
  describeOrders('one process, HTTP', () => httpClient(() => server.url));
});

describe('two processes: orders and customers here, catalog over HTTP', () => {
  let catalog: ServerProcess;
  let shop: ServerProcess;
  let client: ShopClient;
  beforeAll(async () => {
    catalog = await startServer({ MODULES: 'catalog' });
    shop = await startServer({ MODULES: 'orders,customers', CATALOG_URL: catalog.url });
    // Routes by path prefix, as the gateway would with one route per service.
    client = httpClient((path) => (path.startsWith('/catalog') ? catalog.url : shop.url));
  });
  afterAll(async () => {
    expect(await shop.stop()).toBe(0);
    await catalog.stop();
  });

  describeOrders('two processes, HTTP', () => client);

  it('serves only its own modules', async () => {
    expectProblem(await httpClient(() => shop.url).request('GET', '/catalog/products'), 404, 'NOT_FOUND');
    expectProblem(await httpClient(() => catalog.url).request('GET', '/customers'), 404, 'NOT_FOUND');
  });

  it('propagates the trace id and request id to the catalog process', async () => {
    const product = await createProduct(client, 2);
    const customer = await createCustomer(client);
    const traceId = randomUUID().replaceAll('-', '');
    const requestId = unique('req');
    const response = await withHeaders(client, customer.headers).request(
      'POST',
      '/orders',
      { customerId: customer.id, lines: [{ productId: product.id, quantity: 1 }] },
      { traceparent: `00-${traceId}-b7ad6b7169203331-01`, 'x-request-id': requestId },
    );
    expect(response.statusCode, response.body).toBe(201);
    // Log lines reach stdout in batches, within a quarter second (ADR 0130).
    const catalogLinesOf = () => catalog.logs.filter((line) => line.requestId === requestId);
    await expect.poll(() => catalogLinesOf().length).toBeGreaterThan(0);
    const catalogLines = catalogLinesOf();
    for (const line of catalogLines) expect(line.traceId).toBe(traceId);
  });

  it('answers 503 UPSTREAM_UNAVAILABLE, problem+json, when the catalog process is gone', async () => {
    const product = await createProduct(client, 2);
    const customer = await createCustomer(client);
    await catalog.stop();
    const response = await withHeaders(client, customer.headers).request('POST', '/orders', {
      customerId: customer.id,
      lines: [{ productId: product.id, quantity: 1 }],
    });
    const problem = expectProblem(response, 503, 'UPSTREAM_UNAVAILABLE');
    expect(problem.detail).toMatch(/catalog module/);
  });
});
