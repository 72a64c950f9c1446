import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpCollector } from './helpers/otlp-collector.ts';
import { type ServerProcess, startServer } from './helpers/server-process.ts';
import { createCustomer, createProduct, httpClient } from './helpers/shop.ts';

let collector: Awaited<ReturnType<typeof startOtlpCollector>>;
let catalog: ServerProcess;
let shop: ServerProcess;

beforeAll(async () => {
  collector = await startOtlpCollector();
  const otel = { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url };
  catalog = await startServer({ ...otel, MODULES: 'catalog', OTEL_SERVICE_NAME: 'catalog' });
  shop = await startServer({
    ...otel,
    MODULES: 'orders,customers',
    CATALOG_URL: catalog.url,
    OTEL_SERVICE_NAME: 'shop',
  });
});
afterAll(async () => {
  await shop?.stop();
  await catalog?.stop();
  await collector?.close();
});

describe('tracing over OTLP/HTTP', () => {
  it('exports one trace across both processes: HTTP, route and PostgreSQL spans, logs carrying its id', async () => {
    const client = httpClient((path) => (path.startsWith('/catalog') ? catalog.url : shop.url));
    const product = await createProduct(client, 3);
    const customer = await createCustomer(client);
    const traceId = randomUUID().replaceAll('-', '');
    const response = await customer.client.request(
      'POST',
      '/orders',
      { customerId: customer.id, lines: [{ productId: product.id, quantity: 1 }] },
      { traceparent: `00-${traceId}-b7ad6b7169203331-01` },
    );
    expect(response.statusCode, response.body).toBe(201);

    // Stopping flushes the batch span processors.
    expect(await shop.stop()).toBe(0);
    expect(await catalog.stop()).toBe(0);

    const trace = collector.spans.filter((span) => span.traceId === traceId);
    const services = new Set(trace.map((span) => span.service));
    expect(services).toEqual(new Set(['shop', 'catalog']));
    const SERVER = 2;
    const CLIENT = 3;
    expect(
      trace
        .filter((span) => span.kind === SERVER)
        .map((span) => span.service)
        .sort(),
    ).toEqual(['catalog', 'shop']);
    expect(trace.some((span) => span.service === 'shop' && span.kind === CLIENT)).toBe(true);
    const dbSpans = trace.filter(
      (span) =>
        span.attributes['db.system'] === 'postgresql' || span.attributes['db.system.name'] === 'postgresql',
    );
    expect(new Set(dbSpans.map((span) => span.service))).toEqual(new Set(['shop', 'catalog']));

    // Log lines reach stdout in batches, within a quarter second (ADR 0130).
    await expect.poll(() => shop.logs.filter((line) => line.traceId === traceId).length).toBeGreaterThan(0);
    await expect
      .poll(() => catalog.logs.filter((line) => line.traceId === traceId).length)
      .toBeGreaterThan(0);
  });
});
