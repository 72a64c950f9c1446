import { type Access, bracedPath, OPERATIONS, type Operation } from '@shoestring/contract';
import { SignJWT } from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MigratedPostgres, startMigratedPostgres } from '../../../../bench/harness/postgres.ts';
import { ADMIN, bearer, buildTestApp, SHOPPER, type TestApp, testIssuer } from '../helpers/app.ts';
import { expectProblem } from '../helpers/problem.ts';
import {
  createCustomer,
  createProduct,
  httpClient,
  type ShopClient,
  type Shopper,
  withHeaders,
} from '../helpers/shop.ts';
import { newSigningKey } from '../helpers/token-issuer.ts';
import { databaseFingerprint } from './helpers/db-fingerprint.ts';
import { type OpenApiDocument, operationsOf, validSample } from './helpers/openapi-operations.ts';

// A database of its own: "no table changed" must not see other test files' writes.
let db: MigratedPostgres;
let t: TestApp;
let client: ShopClient;
let pgClient: pg.Client;
let alice: Shopper;
let bob: Shopper;
let bobOrderId: string;
let productId: string;
let document: OpenApiDocument;

beforeAll(async () => {
  db = await startMigratedPostgres();
  t = await buildTestApp({ DATABASE_URL: db.url });
  const baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  client = httpClient(() => baseUrl);
  pgClient = new pg.Client({ connectionString: db.url });
  await pgClient.connect();
  productId = (await createProduct(client, 100)).id;
  [alice, bob] = [await createCustomer(client), await createCustomer(client)];
  const lines = [{ productId, quantity: 1 }];
  expect((await alice.client.request('POST', '/orders', { lines })).statusCode).toBe(201);
  bobOrderId = (await bob.client.request('POST', '/orders', { lines })).json().id;
  document = (await client.request('GET', '/openapi.json')).json();
}, 180_000);

afterAll(async () => {
  await pgClient?.end();
  await t?.close();
  await db?.destroy();
});

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const adminClaims = () => testIssuer.claims({ groups: ['admin'] });

/** Authorization headers an attacker might send, and whether each is "missing" or "invalid" to the API. */
const HOSTILE: [string, 'missing' | 'invalid', () => Promise<Record<string, string>>][] = [
  ['no token', 'missing', async () => ({})],
  ['another scheme', 'missing', async () => ({ authorization: `Basic ${btoa('admin:admin')}` })],
  ['expired', 'invalid', async () => bearer(await testIssuer.token({ groups: ['admin'], expiresIn: -600 }))],
  [
    'wrong issuer',
    'invalid',
    async () =>
      bearer(await testIssuer.token({ groups: ['admin'], claims: { iss: 'https://issuer.example.com' } })),
  ],
  [
    'wrong audience',
    'invalid',
    async () =>
      bearer(await testIssuer.token({ groups: ['admin'], claims: { client_id: 'another-client' } })),
  ],
  [
    'alg none',
    'invalid',
    async () => bearer(`${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(adminClaims())}.`),
  ],
  [
    'alg none with a signature part',
    'invalid',
    async () => bearer(`${base64url({ alg: 'none' })}.${base64url(adminClaims())}.c2ln`),
  ],
  [
    'HS256 with a guessed secret',
    'invalid',
    async () =>
      bearer(
        await new SignJWT(adminClaims())
          .setProtectedHeader({ alg: 'HS256', kid: testIssuer.kid })
          .sign(new TextEncoder().encode('secret')),
      ),
  ],
  [
    'signed by another key under the real kid',
    'invalid',
    async () => bearer(await testIssuer.sign(adminClaims(), (await newSigningKey()).privateKey)),
  ],
  [
    'claims edited, signature kept',
    'invalid',
    async () => {
      const [header, , signature] = (await testIssuer.token({ sub: alice.subject })).split('.');
      return bearer(
        `${header}.${base64url(testIssuer.claims({ sub: alice.subject, groups: ['admin'] }))}.${signature}`,
      );
    },
  ],
  ['garbage', 'invalid', async () => bearer('garbage')],
  // Longer than any real token, shorter than Node's 16 KB header limit (beyond it Node itself answers 431).
  ['huge', 'invalid', async () => bearer(`${'a'.repeat(6000)}.${'b'.repeat(6000)}.c`)],
  ['bad base64', 'invalid', async () => bearer('e$$.e$$.e$$')],
  ['bad JSON', 'invalid', async () => bearer(`${Buffer.from('{"alg":').toString('base64url')}.e30.c2ln`)],
  ['an ID token', 'invalid', async () => bearer(await testIssuer.token({ claims: { token_use: 'id' } }))],
];

/** The operation's request with valid ids and body, so that only the credential can make it fail. */
function requestOf(operation: Operation): { url: string; body?: unknown } {
  const ids: Record<string, string> = { catalog: productId, customers: bob.id, orders: bobOrderId };
  // A reservation is keyed by its order's id.
  const id = operation.path.startsWith('/internal/catalog/') ? bobOrderId : (ids[operation.module] ?? '');
  const url = operation.path.replace(':subject', bob.subject).replace(':id', id);
  const documented = operationsOf(document).find(
    (o) => o.method === operation.method && o.path === bracedPath(operation.path),
  );
  const known = { productId, customerId: bob.id, orderId: bobOrderId };
  return { url, ...(documented?.body ? { body: validSample(documented.body, known) } : {}) };
}

const GUARDED: Access[] = ['shopper', 'admin', 'internal'];

describe('hostile credentials on every guarded operation of the route table', () => {
  it.each(OPERATIONS.filter((o) => GUARDED.includes(o.access)).map((o) => [o.operationId, o] as const))(
    '%s refuses every forged or missing token, changing no table',
    async (_id, operation) => {
      const { url, body } = requestOf(operation);
      const cases: [string, Record<string, string>, number, string][] = [];
      for (const [name, kind, headers] of HOSTILE) {
        const [status, code] =
          operation.access === 'internal'
            ? [403, 'AUTH_INTERNAL_ONLY']
            : kind === 'missing'
              ? [401, 'AUTH_TOKEN_MISSING']
              : [401, 'AUTH_TOKEN_INVALID'];
        cases.push([name, await headers(), status, code]);
      }
      if (operation.access === 'admin') cases.push(['a shopper', SHOPPER, 403, 'AUTH_FORBIDDEN']);
      if (operation.access === 'internal') cases.push(['an admin', ADMIN, 403, 'AUTH_INTERNAL_ONLY']);

      for (const [name, headers, status, code] of cases) {
        const before = await databaseFingerprint(pgClient);
        const response = await client.request(operation.method, url, body, headers);
        expect(response.statusCode, `${name}: ${response.body}`).toBe(status);
        expectProblem(response, status, code);
        if (status === 401) expect(String(response.headers['www-authenticate'])).toMatch(/^Bearer/);
        expect(await databaseFingerprint(pgClient), `${name} changed a table`).toBe(before);
      }
    },
  );

  it('ignores forged tokens on anonymous catalog reads rather than failing them', async () => {
    for (const operation of OPERATIONS.filter((o) => o.access === 'anonymous')) {
      for (const [, , headers] of HOSTILE) {
        const response = await client.request(
          operation.method,
          requestOf(operation).url,
          undefined,
          await headers(),
        );
        expect(response.statusCode, response.body).toBe(200);
      }
    }
  });
});

describe("one shopper and another's records", () => {
  it("reads, lists and cancels only the caller's own orders: someone else's is 404, nothing changes", async () => {
    const before = await databaseFingerprint(pgClient);
    expectProblem(await alice.client.request('GET', `/orders/${bobOrderId}`), 404, 'ORDERS_NOT_FOUND');
    expectProblem(
      await alice.client.request('POST', `/orders/${bobOrderId}/cancel`),
      404,
      'ORDERS_NOT_FOUND',
    );
    expectProblem(
      await alice.client.request('GET', `/orders?customerId=${bob.id}`),
      403,
      'ORDERS_CUSTOMER_NOT_CALLER',
    );
    expectProblem(await alice.client.request('GET', `/customers/${bob.id}`), 403, 'AUTH_FORBIDDEN');
    expect(await databaseFingerprint(pgClient)).toBe(before);

    const own = (await alice.client.request('GET', '/orders')).json();
    expect(own.total).toBe(1);
    expect(own.items.map((order: { customerId: string }) => order.customerId)).toEqual([alice.id]);
    expect((await alice.client.request('GET', '/customers/me')).json().id).toBe(alice.id);
    expect((await bob.client.request('GET', `/orders/${bobOrderId}`)).statusCode).toBe(200);
  });

  it("cannot take over another's record through PUT /customers/me", async () => {
    const bobsRecord = (await bob.client.request('GET', '/customers/me')).json();
    const before = await databaseFingerprint(pgClient);
    const stolen = await alice.client.request('PUT', '/customers/me', {
      email: bobsRecord.email,
      name: 'Mallory',
    });
    expectProblem(stolen, 409, 'CUSTOMERS_EMAIL_TAKEN');
    expect(await databaseFingerprint(pgClient)).toBe(before);
    expect((await bob.client.request('GET', '/customers/me')).json()).toEqual(bobsRecord);
  });

  it('lets an admin see every order and customer', async () => {
    const admin = withHeaders(client, ADMIN);
    expect((await admin.request('GET', `/orders/${bobOrderId}`)).statusCode).toBe(200);
    expect((await admin.request('GET', '/orders')).json().total).toBe(2);
    expect((await admin.request('GET', `/customers/${bob.id}`)).json().id).toBe(bob.id);
  });
});
