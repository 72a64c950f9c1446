/**
 * The benchmark's baseline: a plain `node:http` server with `pg`, no framework, no validation library, no logging,
 * metrics or tracing, running the API's exact SQL (`sql.ts`) and its row mapping for the benchmarked routes with the
 * same pool settings. What the API costs on top of this is the price of its platform.
 * With PREPARED=1 every statement is a named prepared statement (pg's `{ name, text, values }`), as the API's are,
 * so the bench can also show the ratio against a baseline that skips parse and plan the same way.
 * A bearer token is verified as the API verifies it, with the same library (jose) against the same issuer's keys:
 * a shop must check who is calling whatever it is built with.
 * Run: PORT=... DATABASE_URL=... AUTH_ISSUER=... AUTH_AUDIENCE=... AUTH_JWKS_URL=... [PREPARED=1]
 * node --import tsx bench/baseline/server.ts
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { API_AUTH_ENV } from '@shoestring/contract';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type pg from 'pg';
import { toProduct } from '../../apps/api/src/modules/catalog/products.repository.ts';
import { ACCEPTED_ALGORITHMS, CLOCK_TOLERANCE_SECONDS } from '../../apps/api/src/platform/token-verifier.ts';
import { referencePool } from './pool.ts';
import { BASELINE_SQL as SQL } from './sql.ts';

const pool = referencePool('shoestring-baseline');

const PREPARED = process.env.PREPARED === '1';

/** A statement of `sql.ts` with its values; named (prepared once per connection) when PREPARED=1. */
function statement(name: keyof typeof SQL, values: unknown[]): pg.QueryConfig {
  return PREPARED ? { name, text: SQL[name], values } : { text: SQL[name], values };
}

const PRODUCT_PATH = /^\/catalog\/products\/([0-9a-f-]{36})$/i;

const server = createServer((request, response) => {
  route(request, response).catch((error: unknown) => send(response, 500, { error: String(error) }));
});
server.keepAliveTimeout = 72_000;
server.listen(Number(process.env.PORT ?? 8081), process.env.HOST ?? '127.0.0.1');
process.once('SIGTERM', () => server.close(() => void pool.end()));

async function route(request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', 'http://baseline');
  const productId = PRODUCT_PATH.exec(url.pathname)?.[1];
  if (request.method === 'GET' && url.pathname === '/health') return send(response, 200, { status: 'ok' });
  if (request.method === 'GET' && productId) return getProduct(response, productId);
  if (request.method === 'GET' && url.pathname === '/catalog/products') return listProducts(response, url);
  if (url.pathname === '/orders' && (request.method === 'GET' || request.method === 'POST')) {
    const subject = await subjectOf(request);
    if (subject === undefined) return send(response, 401, { error: 'invalid token' });
    if (request.method === 'GET') return listOrders(response, subject, url);
    return placeOrder(response, subject, await readJson(request));
  }
  return send(response, 404, { error: 'not found' });
}

async function getProduct(response: ServerResponse, id: string) {
  const result = await pool.query(statement('getProduct', [id]));
  if (!result.rows[0]) return send(response, 404, { error: `Product ${id} does not exist.` });
  return send(response, 200, toProduct(result.rows[0]));
}

async function listProducts(response: ServerResponse, url: URL) {
  const limit = Number(url.searchParams.get('limit') ?? 20);
  const offset = Number(url.searchParams.get('offset') ?? 0);
  const result = await pool.query(statement('listProducts', [null, null, limit, offset]));
  const total = result.rows[0]
    ? Number(result.rows[0].total)
    : Number((await pool.query(statement('countProducts', [null, null]))).rows[0].total);
  return send(response, 200, { items: result.rows.map(toProduct), total, limit, offset });
}

interface OrderRequest {
  customerId: string;
  lines: { productId: string; quantity: number }[];
}

const env = (name: string) => process.env[name] ?? '';
const ISSUER = env(API_AUTH_ENV.issuer);
const AUDIENCES = env(API_AUTH_ENV.audience).split(',');
const KEYS = createRemoteJWKSet(new URL(env(API_AUTH_ENV.jwksUrl)));

/** The verified bearer token's subject (signature, issuer, expiry, audience or client_id, access token), or undefined. */
async function subjectOf(request: IncomingMessage): Promise<string | undefined> {
  const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
  try {
    const { payload } = await jwtVerify(token, KEYS, {
      issuer: ISSUER,
      algorithms: ACCEPTED_ALGORITHMS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
    const audience = payload.aud ?? payload.client_id;
    const audiences = Array.isArray(audience) ? audience : [audience];
    if (payload.token_use !== 'access' || !audiences.some((a) => AUDIENCES.includes(String(a))))
      return undefined;
    return payload.sub;
  } catch {
    return undefined;
  }
}

/** The caller's orders, a page of them with their lines, as the API's shopper read runs it. */
async function listOrders(response: ServerResponse, subject: string, url: URL) {
  const limit = Number(url.searchParams.get('limit') ?? 20);
  const offset = Number(url.searchParams.get('offset') ?? 0);
  const customer = await pool.query(statement('getCustomerBySubject', [subject]));
  if (!customer.rows[0]) return send(response, 404, { error: 'customer not found' });
  const customerId = customer.rows[0].id;
  const [page, count] = await Promise.all([
    pool.query(statement('listOrders', [customerId, limit, offset])),
    pool.query(statement('countOrders', [customerId])),
  ]);
  const lines = page.rows.length
    ? (await pool.query(statement('getOrderLines', [page.rows.map((row) => row.id)]))).rows
    : [];
  const items = page.rows.map((order) =>
    toOrder(
      order,
      lines.filter((line) => line.order_id === order.id),
    ),
  );
  return send(response, 200, { items, total: Number(count.rows[0].total), limit, offset });
}

/**
 * The API's place-order sequence without an Idempotency-Key: the caller's customer record, pending order,
 * reservation, placed order with its lines, read back.
 */
async function placeOrder(response: ServerResponse, subject: string, input: OrderRequest) {
  const customer = await pool.query(statement('getCustomerBySubject', [subject]));
  if (!customer.rows[0]) return send(response, 404, { error: 'customer not found' });
  const id = randomUUID();
  await pool.query(statement('insertPendingOrder', [id, customer.rows[0].id, null, null]));
  const lines = await reserve(id, input.lines);
  // The API also gives the pending order up here; the benchmark's seeded stock never runs out.
  if (!lines) return send(response, 409, { error: 'out of stock' });
  const total = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  await transaction(async (client) => {
    await client.query(statement('markPlaced', [id, total]));
    await client.query(
      statement('insertOrderLines', [
        id,
        lines.map((l) => l.productId),
        lines.map((l) => l.sku),
        lines.map((l) => l.name),
        lines.map((l) => l.quantity),
        lines.map((l) => l.unitPriceCents),
      ]),
    );
  });
  const order = (await pool.query(statement('getOrder', [id]))).rows[0];
  const orderLines = (await pool.query(statement('getOrderLines', [[id]]))).rows;
  return send(response, 201, toOrder(order, orderLines));
}

function toOrder(order: pg.QueryResultRow, lines: pg.QueryResultRow[]) {
  return {
    id: order.id,
    customerId: order.customer_id,
    status: order.status,
    totalCents: Number(order.total_cents),
    createdAt: order.created_at.toISOString(),
    cancelledAt: order.cancelled_at?.toISOString() ?? null,
    lines: lines.map((line) => ({
      productId: line.product_id,
      sku: line.sku,
      name: line.name,
      quantity: line.quantity,
      unitPriceCents: line.unit_price_cents,
    })),
  };
}

interface ReservedLine {
  productId: string;
  sku: string;
  name: string;
  quantity: number;
  unitPriceCents: number;
}

/** All lines or none, in product id order; undefined when one is out of stock (rolled back). */
function reserve(id: string, lines: OrderRequest['lines']): Promise<ReservedLine[] | undefined> {
  return transaction(async (client) => {
    await client.query(statement('claimReservation', [id]));
    const reserved: ReservedLine[] = [];
    for (const line of [...lines].sort((a, b) => a.productId.localeCompare(b.productId))) {
      const row = (await client.query(statement('takeStock', [line.productId, line.quantity]))).rows[0];
      if (!row) {
        await client.query(statement('stockOf', [line.productId]));
        throw new OutOfStock();
      }
      reserved.push({ ...line, sku: row.sku, name: row.name, unitPriceCents: row.price_cents });
    }
    await client.query(statement('recordReservation', [id, JSON.stringify(reserved)]));
    return reserved;
  }).catch((error: unknown) => {
    if (error instanceof OutOfStock) return undefined;
    throw error;
  });
}

class OutOfStock extends Error {}

async function transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function readJson(request: IncomingMessage): Promise<OrderRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as OrderRequest;
}

function send(response: ServerResponse, status: number, body: unknown) {
  const json = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
  });
  response.end(json);
}
