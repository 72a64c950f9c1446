import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, buildTestApp, credentialsFor, SHOPPER, type TestApp } from './helpers/app.ts';
import { expectProblem } from './helpers/problem.ts';

let t: TestApp;
let productId: string;
let orderId: string;
beforeAll(async () => {
  t = await buildTestApp();
  productId = randomUUID();
  orderId = randomUUID();
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
interface BadRequest {
  method: Method;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  status: number;
  code: string;
}

/** A request the schemas must refuse with 400 VALIDATION_FAILED unless `expect` says otherwise. */
function bad(
  name: string,
  method: Method,
  url: string,
  payload?: unknown,
  expect: Partial<Pick<BadRequest, 'status' | 'code' | 'headers'>> = {},
): [string, BadRequest] {
  return [name, { method, url, payload, status: 400, code: 'VALIDATION_FAILED', ...expect }];
}

const validationCases = (): [string, BadRequest][] => {
  const id = randomUUID();
  const line = { productId: randomUUID(), quantity: 1 };
  const product = { sku: 'A', name: 'a', priceCents: 1, stock: 1 };
  return [
    bad('GET products: limit above 100', 'GET', '/catalog/products?limit=101'),
    bad('GET products: negative offset', 'GET', '/catalog/products?offset=-1'),
    bad('GET products: inStock not boolean', 'GET', '/catalog/products?inStock=maybe'),
    bad('GET product: id not a uuid', 'GET', '/catalog/products/42'),
    bad('POST product: missing fields', 'POST', '/catalog/products', { sku: 'A' }),
    bad('POST product: negative price', 'POST', '/catalog/products', { ...product, priceCents: -1 }),
    bad('POST product: fractional stock', 'POST', '/catalog/products', { ...product, stock: 1.5 }),
    bad('POST product: bad sku', 'POST', '/catalog/products', { ...product, sku: 'a b' }),
    bad('POST product: malformed JSON', 'POST', '/catalog/products', '{"sku":', {
      headers: { 'content-type': 'application/json' },
      code: 'BAD_REQUEST',
    }),
    bad('POST product: XML body', 'POST', '/catalog/products', '<sku/>', {
      headers: { 'content-type': 'application/xml' },
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    }),
    bad('PATCH product: empty changes', 'PATCH', `/catalog/products/${id}`, {}),
    bad('PATCH product: unknown field', 'PATCH', `/catalog/products/${id}`, { stock: 5 }),
    bad('POST stock-adjustment: delta not integer', 'POST', `/catalog/products/${id}/stock-adjustments`, {
      delta: 'x',
    }),
    bad('PUT reservation: no lines', 'PUT', `/internal/catalog/reservations/${id}`, { lines: [] }),
    bad('DELETE reservation: id not a uuid', 'DELETE', '/internal/catalog/reservations/x'),
    bad('PUT my customer: bad email', 'PUT', '/customers/me', { email: 'not-an-email', name: 'A' }),
    bad('PUT my customer: empty name', 'PUT', '/customers/me', { email: 'a@example.com', name: '' }),
    bad('GET customer: id not a uuid', 'GET', '/customers/nope'),
    bad('GET customers: limit 0', 'GET', '/customers?limit=0'),
    bad('POST order: no lines', 'POST', '/orders', { customerId: id, lines: [] }),
    bad('POST order: 51 lines', 'POST', '/orders', {
      customerId: id,
      lines: Array.from({ length: 51 }, () => line),
    }),
    bad('POST order: quantity 0', 'POST', '/orders', { customerId: id, lines: [{ ...line, quantity: 0 }] }),
    bad('POST order: repeated product', 'POST', '/orders', {
      customerId: id,
      lines: [line, { ...line, quantity: 2 }],
    }),
    bad(
      'POST order: empty Idempotency-Key',
      'POST',
      '/orders',
      { customerId: id, lines: [line] },
      {
        headers: { 'idempotency-key': '' },
      },
    ),
    bad('GET order: id not a uuid', 'GET', '/orders/1'),
    bad('GET orders: customerId not a uuid', 'GET', '/orders?customerId=bob'),
    bad('POST cancel: id not a uuid', 'POST', '/orders/x/cancel'),
    bad('unknown route', 'GET', '/nope', undefined, { status: 404, code: 'NOT_FOUND' }),
  ];
};

describe('bad input gets a 4xx problem+json, never a 5xx', () => {
  it.each(validationCases())('%s', async (_name, request) => {
    const response = await t.app.inject({
      method: request.method,
      url: request.url,
      headers: { ...credentialsFor(request.method, request.url), ...request.headers },
      ...(request.payload === undefined ? {} : { payload: request.payload as string }),
    });
    expectProblem(response, request.status, request.code);
  });

  it('names each invalid field in `errors`', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/catalog/products',
      headers: ADMIN,
      payload: { sku: 'A', priceCents: 'x' },
    });
    const problem = expectProblem(response, 400, 'VALIDATION_FAILED');
    const paths = problem.errors?.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body/name', 'body/stock', 'body/priceCents']));
  });

  it('rejects a body over BODY_LIMIT_BYTES with 413', async () => {
    const small = await buildTestApp({ BODY_LIMIT_BYTES: '200' });
    try {
      const response = await small.app.inject({
        method: 'PUT',
        url: '/customers/me',
        headers: SHOPPER,
        payload: { email: 'a@example.com', name: 'x'.repeat(500) },
      });
      expectProblem(response, 413, 'PAYLOAD_TOO_LARGE');
    } finally {
      await small.close();
    }
  });

  const routes: [Method, () => string][] = [
    ['POST', () => '/catalog/products'],
    ['PATCH', () => `/catalog/products/${productId}`],
    ['POST', () => `/catalog/products/${productId}/stock-adjustments`],
    ['PUT', () => `/internal/catalog/reservations/${orderId}`],
    ['PUT', () => '/customers/me'],
    ['POST', () => '/orders'],
  ];
  it.each(routes)('random JSON bodies to %s %s never cause a 5xx', async (method, url) => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        const response = await t.app.inject({
          method,
          url: url(),
          payload: JSON.stringify(body),
          headers: { 'content-type': 'application/json', ...credentialsFor(method, url()) },
        });
        expect(response.statusCode, response.body).toBeLessThan(500);
        if (response.statusCode >= 400) expect(response.headers['content-type']).toMatch(/problem\+json/);
      }),
      { numRuns: 60 },
    );
  });

  it('random query strings to the list routes never cause a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/catalog/products', '/customers', '/orders'),
        fc.dictionary(fc.constantFrom('limit', 'offset', 'q', 'inStock', 'customerId', 'x'), fc.string()),
        async (path, query) => {
          const response = await t.app.inject({ url: path, query, headers: credentialsFor('GET', path) });
          expect(response.statusCode, response.body).toBeLessThan(500);
        },
      ),
      { numRuns: 100 },
    );
  });
});
