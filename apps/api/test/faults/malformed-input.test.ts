import { type ServerProcess, startApiProcess } from '@shoestring/dbtools';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MigratedPostgres, startMigratedPostgres } from '../../../../bench/harness/postgres.ts';
import { seedShop, signIn } from '../../../../bench/harness/seed.ts';
import { bearer, credentialsFor, testIssuer } from '../helpers/app.ts';
import { type BadRequest, badRequestsFor } from './helpers/bad-requests.ts';
import { databaseFingerprint } from './helpers/db-fingerprint.ts';
import { isProblemJson, type Outcome, timedFetch } from './helpers/load.ts';
import {
  type KnownIds,
  type OpenApiDocument,
  type Operation,
  operationsOf,
} from './helpers/openapi-operations.ts';

const RUNS_PER_ROUTE = 25;

// A database of its own: "unchanged when rejected" must not see other test files' writes.
let db: MigratedPostgres;
let api: ServerProcess;
let client: pg.Client;
let operations: Operation[];
let ids: KnownIds;

beforeAll(async () => {
  db = await startMigratedPostgres();
  const shop = await signIn(await seedShop(db.url, { products: 3, customers: 2 }), (sub) =>
    testIssuer.token({ sub }),
  );
  api = await startApiProcess({
    build: 'source',
    databaseUrl: db.url,
    env: { ...testIssuer.env, LOG_LEVEL: 'warn' },
  });
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const order = await fetch(`${api.url}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(shop.customerTokens[0]!) },
    body: JSON.stringify({
      customerId: shop.customerIds[0],
      lines: [{ productId: shop.productIds[0], quantity: 1 }],
    }),
  }).catch((error) => {
    // The API process died or dropped the connection: its own output says why.
    console.error(api.output(), api.child.exitCode, api.child.signalCode);
    throw error;
  });
  expect(order.status).toBe(201);
  ids = {
    productId: shop.productIds[0]!,
    customerId: shop.customerIds[0]!,
    orderId: ((await order.json()) as { id: string }).id,
  };
  operations = operationsOf((await (await fetch(`${api.url}/openapi.json`)).json()) as OpenApiDocument);
}, 180_000);

afterAll(async () => {
  await client?.end();
  await api?.stop();
  await db?.destroy();
});

describe('malformed input to every route of /openapi.json', () => {
  it('covers the whole document', () => {
    const routes = operations.map((o) => `${o.method} ${o.path}`);
    // The body schemas were read, so body mutations have something to break.
    const placeOrder = operations.find((o) => o.method === 'POST' && o.path === '/orders');
    expect(placeOrder?.body?.required).toEqual(['lines']);
    expect(placeOrder?.body?.properties?.customerId).toMatchObject({ format: 'uuid' });
    expect(routes).toEqual(
      expect.arrayContaining(['POST /orders', 'PATCH /catalog/products/{id}', 'PUT /customers/me']),
    );
  });

  it(`answers ${RUNS_PER_ROUTE} bad requests per route without a 5xx, with problem+json, writing nothing when rejected`, async () => {
    const summary: string[] = [];
    for (const operation of operations) {
      let rejected = 0;
      await fc.assert(
        fc.asyncProperty(badRequestsFor(operation, ids), async (bad) => {
          const before = await databaseFingerprint(client);
          const outcome = await send(bad);
          const where = `${bad.method} ${bad.url.slice(0, 200)} [${bad.kind}] -> ${outcome.status ?? outcome.error} ${outcome.body?.slice(0, 300)}`;
          expect(outcome.status, where).toBeDefined();
          expect(outcome.status!, where).toBeLessThan(500);
          if (outcome.status! >= 400) {
            rejected++;
            expect(isProblemJson(outcome), where).toBe(true);
            expect(
              await databaseFingerprint(client),
              `database changed by a rejected request: ${where}`,
            ).toBe(before);
          }
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
      summary.push(`${operation.method} ${operation.path}: ${rejected}/${RUNS_PER_ROUTE} rejected`);
    }
    console.info(summary.join('\n'));
  });
});

function send(bad: BadRequest): Promise<Outcome> {
  return timedFetch({
    label: bad.kind,
    url: `${api.url}${bad.url}`,
    // Each request carries the credential its operation needs, so the malformed part is what gets it refused.
    init: {
      method: bad.method,
      headers: { ...credentialsFor(bad.method, bad.url), ...bad.headers },
      ...(bad.body === undefined ? {} : { body: bad.body }),
    },
    timeoutMs: 10_000,
  });
}
