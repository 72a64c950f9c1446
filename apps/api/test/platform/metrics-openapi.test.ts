import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { API_PREFIX, bracedPath, operation } from '@shoestring/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_BY_ACCESS } from '../../src/platform/endpoint.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('/metrics', () => {
  it('counts requests and errors per route pattern, with latency, pool gauges and process metrics', async () => {
    await t.app.inject({ url: `/catalog/products/${randomUUID()}` });
    await t.app.inject({ url: `/catalog/products/${randomUUID()}` });
    const response = await t.app.inject({ url: '/metrics' });
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const text = response.body;
    expect(text).toMatch(
      /http_requests_total\{method="GET",route="\/catalog\/products\/:id",status_code="404"\} 2/,
    );
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="0.1",method="GET",route="\/catalog\/products\/:id",status_code="404"\} \d/,
    );
    expect(text).toMatch(/http_request_errors_total/);
    expect(text).toMatch(/db_pool_connections_total \d+/);
    expect(text).toMatch(/db_pool_requests_waiting 0/);
    // AND the two product lookups were timed as PostgreSQL queries (prepared statements included)
    expect(Number(/^db_query_duration_seconds_count (\d+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/process_cpu_user_seconds_total/);
  });
});

interface OpenApiOperation {
  operationId: string;
  summary?: string;
  security?: unknown;
}

describe('/openapi.json', () => {
  it('documents every route with its schemas and the problem responses', async () => {
    const spec = (await t.app.inject({ url: '/openapi.json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths).sort()).toEqual(
      [
        '/catalog/products',
        '/catalog/products/{id}',
        '/catalog/products/{id}/stock-adjustments',
        '/customers',
        '/customers/me',
        '/customers/{id}',
        '/internal/customers/by-subject/{subject}',
        '/health',
        '/internal/catalog/reservations/{id}',
        '/orders',
        '/orders/{id}',
        '/orders/{id}/cancel',
        '/ready',
      ].sort(),
    );
    expect(Object.keys(spec.components.schemas)).toEqual(
      expect.arrayContaining(['Problem', 'Product', 'Customer', 'Order']),
    );
    const operations = Object.values(spec.paths).flatMap((path) => Object.values(path as object));
    const ids = operations.map((operation: { operationId?: string }) => operation.operationId);
    expect(ids.every(Boolean), 'every operation has an operationId').toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(spec.servers, 'a non-empty servers list').toEqual([expect.objectContaining({ url: API_PREFIX })]);
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods as Record<string, OpenApiOperation>)) {
        const entry = operation(op.operationId);
        expect(`${method.toUpperCase()} ${path}`).toBe(`${entry.method} ${bracedPath(entry.path)}`);
        expect(op.summary, `${op.operationId} has a summary`).toEqual(expect.any(String));
        expect(op.security, `${op.operationId} security`).toEqual(SECURITY_BY_ACCESS[entry.access]);
      }
    }
    expect(spec.paths['/orders'].get.security).toEqual([{ bearerAuth: [] }]);
    expect(spec.paths['/catalog/products'].get.security).toEqual([]);
    expect(spec.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    const post = spec.paths['/orders'].post;
    expect(post.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'idempotency-key', in: 'header' })]),
    );
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['200', '201', '4XX', '5XX']));
  });

  it('is written to apps/api/openapi.json by the build, identical to the served one', async () => {
    const served = (await t.app.inject({ url: '/openapi.json' })).json();
    const file = new URL('../../openapi.json', import.meta.url);
    let written: unknown;
    try {
      written = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      return expect.fail('apps/api/openapi.json is missing: run npm run build -w @shoestring/api');
    }
    expect(written).toEqual(served);
  });
});
