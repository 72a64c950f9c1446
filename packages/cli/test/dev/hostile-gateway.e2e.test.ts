import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  API_PREFIX,
  bracedPath,
  EDGE_OPERATIONS,
  MODULE_NAMES,
  OPERATIONS,
  operation,
  requiresToken,
} from '@shoestring/contract';
import { databaseFingerprint, repoRoot } from '@shoestring/dbtools';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUser, readDemoUsers } from '../../src/dev/oidc/demo-users.ts';
import { signInWithPassword } from '../../src/dev/oidc/sign-in.ts';
import { type DevRuntime, readRuntimeFile } from '../../src/dev/runtime-file.ts';
import { forgedTokens, resignedToken } from './forged-tokens.ts';
import { type CliRun, startDev } from './run-cli.ts';

// The hostile authorization suite of issue #12, from outside: `shoestring dev` as `npm start` runs it (the real
// OpenID provider, the local gateway, the API, PostgreSQL), every operation of the OpenAPI document, and every kind
// of bad credential. Started once for the file; requests go one at a time.

interface DocumentedOperation {
  operationId: string;
  method: string;
  /** The OpenAPI path template, e.g. `/orders/{id}/cancel`. */
  path: string;
}

const documented: DocumentedOperation[] = Object.entries(
  JSON.parse(readFileSync(join(repoRoot(), 'apps/api/openapi.json'), 'utf8')).paths as Record<
    string,
    Record<string, { operationId: string }>
  >,
).flatMap(([path, item]) =>
  Object.entries(item).map(([method, o]) => ({
    operationId: o.operationId,
    method: method.toUpperCase(),
    path,
  })),
);

/** The rows the requests point at: alice's and bob's own records and orders, and a product. */
interface Fixture {
  productId: string;
  own: { customerId: string; orderId: string; email: string };
  bob: { customerId: string; orderId: string; subject: string };
}

type Caller = 'alice' | 'admin';
interface Request {
  /** Values of the path template's parameters. */
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
}

/**
 * A valid request for every operation of the document, as the caller (alice for shopper operations, admin for
 * admin ones) would send it on their own records: with a good token it succeeds, so a refusal is the credential's
 * doing. Operations that are not routed from the edge get a request too, to show the gateway knows none of them.
 */
const REQUESTS: Record<string, (f: Fixture, caller: Caller) => Request> = {
  listProducts: () => ({ query: 'limit=5&offset=0' }),
  getProduct: (f) => ({ params: { id: f.productId } }),
  createProduct: () => ({
    body: { sku: `HOSTILE-${crypto.randomUUID().slice(0, 8)}`, name: 'Defaced', priceCents: 1, stock: 1 },
  }),
  updateProduct: (f) => ({ params: { id: f.productId }, body: { name: 'Defaced' } }),
  adjustStock: (f) => ({ params: { id: f.productId }, body: { delta: -1 } }),
  reserveStock: (f) => ({
    params: { id: crypto.randomUUID() },
    body: { lines: [{ productId: f.productId, quantity: 1 }] },
  }),
  releaseStock: (f) => ({ params: { id: f.bob.orderId } }),
  getMyCustomer: () => ({}),
  putMyCustomer: (f) => ({ body: { email: f.own.email, name: 'Renamed' } }),
  listCustomers: () => ({ query: 'limit=5&offset=0' }),
  getCustomer: (f) => ({ params: { id: f.bob.customerId } }),
  getCustomerBySubject: (f) => ({ params: { subject: f.bob.subject } }),
  listOrders: () => ({ query: 'limit=5&offset=0' }),
  getOrder: (f, caller) => ({ params: { id: caller === 'admin' ? f.bob.orderId : f.own.orderId } }),
  placeOrder: (f) => ({ body: { lines: [{ productId: f.productId, quantity: 1 }] } }),
  cancelOrder: (f, caller) => ({ params: { id: caller === 'admin' ? f.bob.orderId : f.own.orderId } }),
  health: () => ({}),
  ready: () => ({}),
};

const dataDir = mkdtempSync('/tmp/shoestring-hostile-');
// Like a checkout's .shoestring/: a folder the `postgres` account can enter when the tests run as root.
chmodSync(dataDir, 0o755);
let run: CliRun;
let gateway: string;
let db: pg.Client;
let fixture: Fixture;
const tokens: Record<'alice' | 'bob' | 'admin', string> = { alice: '', bob: '', admin: '' };
const forged: Record<Caller, Record<string, string>> = { alice: {}, admin: {} };

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

async function send(
  o: DocumentedOperation,
  request: Request,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const path = o.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(request.params?.[name] ?? ''),
  );
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const response = await fetch(`${gateway}${API_PREFIX}${path}${request.query ? `?${request.query}` : ''}`, {
    method: o.method,
    headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) },
    body,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const byId = (operationId: string) =>
  documented.find((o) => o.operationId === operationId) as DocumentedOperation;

/** Sends the request and asserts a problem+json refusal with that status and code that changed no table. */
async function expectRefused(
  o: DocumentedOperation,
  request: Request,
  headers: Record<string, string>,
  expected: { status: number; code: string },
  label: string,
): Promise<Answer> {
  const before = await databaseFingerprint(db, MODULE_NAMES);
  const answer = await send(o, request, headers);
  const what = `${o.operationId}, ${label}: ${answer.status} ${answer.text}`;
  expect({ status: answer.status, code: JSON.parse(answer.text).code }, what).toEqual(expected);
  expect(answer.headers.get('content-type'), what).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(answer.text), what).toMatchObject({ status: expected.status, title: expect.any(String) });
  if (expected.status === 401) expect(answer.headers.get('www-authenticate'), what).toMatch(/^Bearer\b/);
  expect(await databaseFingerprint(db, MODULE_NAMES), `${what} changed a table`).toBe(before);
  return answer;
}

async function asUser(user: 'alice' | 'bob' | 'admin', runtime: DevRuntime): Promise<string> {
  const person = demoUser((await readDemoUsers(dataDir)) ?? [], user);
  return (await signInWithPassword(runtime.auth.site, person.username, person.password)).access_token;
}

async function json<T>(answer: Promise<Answer>, status: number): Promise<T> {
  const { status: got, text } = await answer;
  expect(got, text).toBe(status);
  return JSON.parse(text) as T;
}

beforeAll(async () => {
  const dev = startDev(dataDir, [], 170_000);
  run = dev.run;
  gateway = await dev.url;
  const runtime = (await readRuntimeFile(dataDir)) as DevRuntime;
  db = new pg.Client({ connectionString: runtime.database.url });
  await db.connect();
  // Real tokens, from the running provider's sign-in as `shoestring dev token` gets them.
  for (const user of ['alice', 'bob', 'admin'] as const) tokens[user] = await asUser(user, runtime);
  forged.alice = await forgedTokens(dataDir, tokens.alice);
  // Editing the admin group into admin's own token changes nothing: the admin operations get alice's forgery.
  forged.admin = {
    ...(await forgedTokens(dataDir, tokens.admin)),
    'claims edited, signature kept': forged.alice['claims edited, signature kept'] as string,
  };

  const products = await json<{ items: Array<{ id: string }> }>(
    send(byId('listProducts'), { query: 'limit=1&offset=0' }),
    200,
  );
  const productId = products.items[0]?.id as string;
  const own = async (user: 'alice' | 'bob') => {
    const email = `${user}-hostile@example.com`;
    const customer = await json<{ id: string }>(
      send(byId('putMyCustomer'), { body: { email, name: user } }, bearer(tokens[user])),
      201,
    );
    const order = await json<{ id: string }>(
      send(byId('placeOrder'), { body: { lines: [{ productId, quantity: 1 }] } }, bearer(tokens[user])),
      201,
    );
    return { customerId: customer.id, orderId: order.id, email };
  };
  const alice = await own('alice');
  const bob = await own('bob');
  const bobSubject = demoUser((await readDemoUsers(dataDir)) ?? [], 'bob').sub;
  fixture = { productId, own: alice, bob: { ...bob, subject: bobSubject } };
}, 240_000);

afterAll(async () => {
  await db?.end();
  if (run && run.child.exitCode === null && run.child.signalCode === null) {
    // SIGTERM, so it stops its API processes and PostgreSQL as a person's Ctrl-C would.
    run.child.kill('SIGTERM');
    await run.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const isEdge = (o: { operationId: string }) => EDGE_OPERATIONS.some((e) => e.operationId === o.operationId);
const edge = documented.filter(isEdge);
const guarded = edge.filter((o) => requiresToken(operation(o.operationId)));
const callerOf = (o: DocumentedOperation): Caller =>
  operation(o.operationId).access === 'admin' ? 'admin' : 'alice';

describe('the suite covers the OpenAPI document', () => {
  it('has a request for every documented operation, and the document matches the route table', () => {
    expect(documented.length).toBeGreaterThan(10);
    expect(documented.map((o) => o.operationId).sort()).toEqual(Object.keys(REQUESTS).sort());
    for (const o of documented) {
      const entry = operation(o.operationId);
      expect(`${o.method} ${o.path}`).toBe(`${entry.method} ${bracedPath(entry.path)}`);
    }
  });
});

describe('every bad credential on every guarded operation is a 401 problem that changes no table', () => {
  it.each(guarded.map((o) => [o.operationId, o] as const))('%s', async (_, o) => {
    const caller = callerOf(o);
    const request = REQUESTS[o.operationId]?.(fixture, caller) as Request;
    await expectRefused(o, request, {}, { status: 401, code: 'AUTH_TOKEN_MISSING' }, 'no token');
    await expectRefused(
      o,
      request,
      { authorization: `Basic ${btoa('admin:admin')}` },
      { status: 401, code: 'AUTH_TOKEN_MISSING' },
      'Basic credentials',
    );
    const cases = Object.entries(forged[caller]);
    expect(cases.length).toBeGreaterThanOrEqual(11);
    for (const [name, token] of cases) {
      await expectRefused(o, request, bearer(token), { status: 401, code: 'AUTH_TOKEN_INVALID' }, name);
    }
  });

  it.each(
    edge.filter((o) => !requiresToken(operation(o.operationId))).map((o) => [o.operationId, o] as const),
  )('%s (anonymous) ignores every bad credential: the public answer, no table changed', async (_, o) => {
    const request = REQUESTS[o.operationId]?.(fixture, 'alice') as Request;
    for (const [name, token] of Object.entries(forged.admin)) {
      const before = await databaseFingerprint(db, MODULE_NAMES);
      const answer = await send(o, request, bearer(token));
      expect(answer.status, `${name}: ${answer.text}`).toBe(200);
      expect(await databaseFingerprint(db, MODULE_NAMES), name).toBe(before);
    }
  });

  it("a token signed again with the provider's key, claims unchanged, is accepted (the forgeries' control)", async () => {
    const answer = await send(byId('getMyCustomer'), {}, bearer(await resignedToken(dataDir, tokens.alice)));
    expect(answer.status, answer.text).toBe(200);
    expect(JSON.parse(answer.text).id).toBe(fixture.own.customerId);
  });
});

describe('a shopper', () => {
  it.each(
    documented
      .filter((o) => operation(o.operationId).access === 'admin')
      .map((o) => [o.operationId, o] as const),
  )('is refused the admin operation %s with 403, changing no table', async (_, o) => {
    const request = REQUESTS[o.operationId]?.(fixture, 'alice') as Request;
    await expectRefused(o, request, bearer(tokens.alice), { status: 403, code: 'AUTH_FORBIDDEN' }, 'alice');
  });

  it("reaches none of another shopper's orders or record: 404 or 403, changing no table", async () => {
    const alice = bearer(tokens.alice);
    const { bob } = fixture;
    const notFound = { status: 404, code: 'ORDERS_NOT_FOUND' };
    const notCaller = { status: 403, code: 'ORDERS_CUSTOMER_NOT_CALLER' };
    await expectRefused(byId('getOrder'), { params: { id: bob.orderId } }, alice, notFound, "bob's order");
    await expectRefused(byId('cancelOrder'), { params: { id: bob.orderId } }, alice, notFound, "bob's order");
    await expectRefused(
      byId('listOrders'),
      { query: `limit=5&offset=0&customerId=${bob.customerId}` },
      alice,
      notCaller,
      "bob's orders",
    );
    await expectRefused(
      byId('placeOrder'),
      { body: { customerId: bob.customerId, lines: [{ productId: fixture.productId, quantity: 1 }] } },
      alice,
      notCaller,
      'an order for bob',
    );
    await expectRefused(
      byId('getCustomer'),
      { params: { id: bob.customerId } },
      alice,
      { status: 403, code: 'AUTH_FORBIDDEN' },
      "bob's record",
    );
    await expectRefused(
      byId('putMyCustomer'),
      { body: { email: 'bob-hostile@example.com', name: 'Mallory' } },
      alice,
      { status: 409, code: 'CUSTOMERS_EMAIL_TAKEN' },
      "bob's email",
    );
    // AND her own list names only her own order
    const own = await json<{ items: Array<{ id: string }> }>(
      send(byId('listOrders'), { query: 'limit=50&offset=0' }, alice),
      200,
    );
    expect(own.items.map((order) => order.id)).toEqual([fixture.own.orderId]);
  });
});

describe('operations that are not routed from the edge', () => {
  const unrouted = [
    ...documented.filter((o) => !isEdge(o)),
    // In the route table but not in the document (the scraper's and the document's own paths).
    ...OPERATIONS.filter((o) => !isEdge(o) && !documented.some((d) => d.operationId === o.operationId)).map(
      (o) => ({ operationId: o.operationId, method: o.method, path: bracedPath(o.path) }),
    ),
  ];

  it('include internal and operational ones', () => {
    expect(unrouted.map((o) => o.operationId)).toEqual(
      expect.arrayContaining([
        'reserveStock',
        'getCustomerBySubject',
        'health',
        'ready',
        'metrics',
        'openapi',
      ]),
    );
  });

  it.each(unrouted.map((o) => [o.operationId, o] as const))(
    '%s is a 404 problem at the gateway with any credential, changing no table',
    async (_, o) => {
      const request = REQUESTS[o.operationId]?.(fixture, 'admin') ?? {};
      const credentials: Record<string, Record<string, string>> = {
        'no token': {},
        "admin's token": bearer(tokens.admin),
        'a guessed service credential': { ...bearer(tokens.admin), 'x-internal-token': 'x'.repeat(43) },
      };
      for (const [name, headers] of Object.entries(credentials)) {
        await expectRefused(o, request, headers, { status: 404, code: 'NOT_FOUND' }, name);
      }
    },
  );
});

describe('the same requests with the right token', () => {
  it.each(edge.map((o) => [o.operationId, o] as const))(
    '%s succeeds, so each refusal above was the credential alone',
    async (_, o) => {
      const caller = callerOf(o);
      const request = REQUESTS[o.operationId]?.(fixture, caller) as Request;
      const answer = await send(o, request, bearer(tokens[caller]));
      expect(answer.status, `${o.operationId}: ${answer.text}`).toBeGreaterThanOrEqual(200);
      expect(answer.status, `${o.operationId}: ${answer.text}`).toBeLessThan(300);
    },
  );
});
