import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/app.ts';
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

const validationCases = (): [string, BadRequest][] => [
  [
    'GET products: limit above 100',
    { method: 'GET', url: '/catalog/products?limit=101', status: 400, code: 'VALIDATION_FAILED' },
  ],
  [
    'GET products: negative offset',
    { method: 'GET', url: '/catalog/products?offset=-1', status: 400, code: 'VALIDATION_FAILED' },
  ],
  [
    'GET products: inStock not boolean',
    { method: 'GET', url: '/catalog/products?inStock=maybe', status: 400, code: 'VALIDATION_FAILED' },
  ],
  [
    'GET product: id not a uuid',
    { method: 'GET', url: '/catalog/products/42', status: 400, code: 'VALIDATION_FAILED' },
  ],
  [
    'POST product: missing fields',
    {
      method: 'POST',
      url: '/catalog/products',
      payload: { sku: 'A' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
  ],
  [
    'POST product: negative price',
    {
      method: 'POST',
      url: '/catalog/products',
      payload: { sku: 'A', name: 'a', priceCents: -1, stock: 1 },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
  ],
  [
    'POST product: fractional stock',
    {
      method: 'POST',
      url: '/catalog/products',
      payload: { sku: 'A', name: 'a', priceCents: 1, stock: 1.5 },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
  ],
  [
    'POST product: bad sku',
    {
      method: 'POST',
      url: '/catalog/products',
      payload: { sku: 'a b', name: 'a', priceCents: 1, stock: 1 },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
  ],
  [
    'POST product: malformed JSON',
    {
      method: 'POST',
      url: '/catalog/products',
      payload: '{"sku":',
      headers: { 'content-type': 'application/json' },
      status: 400,
      code: 'BAD_REQUEST',
    },
  ],
  [
    'POST product: XML body',
    {
      method: 'POST',
      url: '/catalog/products',
      payload: '<sku/>',
      headers: { 'content-type': 'application/xml' },
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    },
  ],
  [
    'PATCH product: empty changes',
    {
      method: 'PATCH',
      url: `/catalog/products/${randomUUID()}`,
      payload: {},
      status: 400,
      code: 'VALIDATION_FAILED',
    },
  ],
  [
    'PATCH product: unknown field',
    {
      method: 'PATCH',
      url: `/catalog/products/${randomUUID()}`,
      payload: { stock: 5 },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
  ],
  [
    'POST stock-adjustment: delta not integer',
    {
      method: 'POST',
      url: `/catalog/products/${randomUUID()}/stock-adjustments`,
      payload: { delta: 'x' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
  ],
  [
    'PUT reservation: no lines',
    {
      method: 'PUT',
      url: `/internal/catalog/reservations/${randomUUID()}`,
      payload: { lines: [] },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
  ],
  [
    'DELETE reservation: id not a uuid',
    { method: 'DELETE', url: '/internal/catalog/reservations/x', status: 400, code: 'VALIDATION_FAILED' },
  ],
  [
    'POST customer: bad email',
    {
      method: 'POST',
      url: '/customers',
      payload: { email: 'not-an-email', name: 'A' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
  ],
  [
    'POST customer: empty name',
    {
      method: 'POST',
      url: '/customers',
      payload: { email: 'a@example.com', name: '' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
  ],
  [
    'GET customer: id not a uuid',
    { method: 'GET', url: '/customers/nope', status: 400, code: 'VALIDATION_FAILED' },
  ],
  [
    'GET customers: limit 0',
    { method: 'GET', url: '/customers?limit=0', status: 400, code: 'VALIDATION_FAILED' },
  ],
  [
    'POST order: no lines',
    {
      method: 'POST',
      url: '/orders',
      payload: { customerId: randomUUID(), lines: [] },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
  ],
  [
    'POST order: 51 lines',
    {
      method: 'POST',
      url: '/orders',
      payload: {
        customerId: randomUUID(),
        lines: Array.from({ length: 51 }, () => ({ productId: randomUUID(), quantity: 1 })),
      },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
  ],
  [
    'POST order: quantity 0',
    {
      method: 'POST',
      url: '/orders',
      payload: { customerId: randomUUID(), lines: [{ productId: randomUUID(), quantity: 0 }] },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
  ],
  [
    'POST order: repeated product',
    {
      method: 'POST',
      url: '/orders',
      payload: {
        customerId: randomUUID(),
        lines: [
          { productId: productId, quantity: 1 },
          { productId: productId, quantity: 2 },
        ],
      },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
  ],
  [
    'POST order: empty Idempotency-Key',
    {
      method: 'POST',
      url: '/orders',
      payload: { customerId: randomUUID(), lines: [{ productId: randomUUID(), quantity: 1 }] },
      headers: { 'idempotency-key': '' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
  ],
  ['GET order: id not a uuid', { method: 'GET', url: '/orders/1', status: 400, code: 'VALIDATION_FAILED' }],
  [
    'GET orders: customerId not a uuid',
    { method: 'GET', url: '/orders?customerId=bob', status: 400, code: 'VALIDATION_FAILED' },
  ],
  [
    'POST cancel: id not a uuid',
    { method: 'POST', url: '/orders/x/cancel', status: 400, code: 'VALIDATION_FAILED' },
  ],
  ['unknown route', { method: 'GET', url: '/nope', status: 404, code: 'NOT_FOUND' }],
];

describe('bad input gets a 4xx problem+json, never a 5xx', () => {
  it.each(validationCases())('%s', async (_name, request) => {
    const response = await t.app.inject({
      method: request.method,
      url: request.url,
      headers: request.headers ?? {},
      ...(request.payload === undefined ? {} : { payload: request.payload as string }),
    });
    expectProblem(response, request.status, request.code);
  });

  it('names each invalid field in `errors`', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/catalog/products',
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
        method: 'POST',
        url: '/customers',
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
    ['POST', () => '/customers'],
    ['POST', () => '/orders'],
  ];
  it.each(routes)('random JSON bodies to %s %s never cause a 5xx', async (method, url) => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (body) => {
        const response = await t.app.inject({
          method,
          url: url(),
          payload: JSON.stringify(body),
          headers: { 'content-type': 'application/json' },
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
          const response = await t.app.inject({ url: path, query });
          expect(response.statusCode, response.body).toBeLessThan(500);
        },
      ),
      { numRuns: 100 },
    );
  });
});
