import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from '@shoestring/dbtools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway } from '../../src/dev/gateway.ts';
import { type LocalIdentity, startLocalIdentity } from '../../src/dev/local-identity.ts';

/** Which service saw which request. */
const seen: string[] = [];
const upstreams: Server[] = [];
let gateway: Server;
let base: string;
let identity: LocalIdentity;
/** A shopper's bearer header: every route here but catalog reads needs a token at the edge. */
let signedIn: Record<string, string>;

async function startService(name: string): Promise<string> {
  const server = createServer((req, res) => {
    seen.push(`${name} ${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end(`{"service":"${name}"}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  upstreams.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const siteDir = mkdtempSync(join(tmpdir(), 'gateway-services-site-'));
  writeFileSync(join(siteDir, 'index.html'), '<html></html>');
  const port = await findFreePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'gateway-services-identity-'));
  identity = await startLocalIdentity({ dataDir, host: '127.0.0.1', siteOrigin: `http://127.0.0.1:${port}` });
  signedIn = { authorization: `Bearer ${await identity.tokenFor('alice')}` };
  // GIVEN orders and catalog as two services, and customers run by no service
  gateway = await startGateway({
    siteDir,
    moduleOrigins: { orders: await startService('orders'), catalog: await startService('catalog') },
    port,
    host: '127.0.0.1',
    identity: { authorize: identity.authorize, siteConfig: identity.provider.siteConfig },
  });
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await new Promise((resolve) => gateway.close(resolve));
  for (const server of upstreams) await new Promise((resolve) => server.close(resolve));
  await identity.stop();
});

describe("local gateway with a stage's services: each module's paths go to its service", () => {
  it.each([
    ['GET', '/api/catalog/products?limit=2', 'catalog GET /catalog/products?limit=2'],
    ['HEAD', '/api/catalog/products/p1', 'catalog HEAD /catalog/products/p1'],
    [
      'POST',
      '/api/catalog/products/p1/stock-adjustments',
      'catalog POST /catalog/products/p1/stock-adjustments',
    ],
    ['POST', '/api/orders', 'orders POST /orders'],
    ['GET', '/api/orders/o1', 'orders GET /orders/o1'],
    ['POST', '/api/orders/o1/cancel', 'orders POST /orders/o1/cancel'],
  ])('%s %s reaches only its module’s service', async (method, path, expected) => {
    const before = seen.length;
    const response = await fetch(`${base}${path}`, { method, headers: signedIn });
    expect(response.status).toBe(200);
    expect(seen.slice(before)).toEqual([expected]);
  });

  it.each([
    ['PUT', '/api/customers/me'],
    ['GET', '/api/customers/c1'],
    ['PUT', '/api/internal/catalog/reservations/r1'],
    ['GET', '/api/health'],
  ])(
    '%s %s (no service runs the module, or not an edge route) is a 404 problem, reaching no service',
    async (method, path) => {
      const before = seen.length;
      const response = await fetch(`${base}${path}`, { method, headers: signedIn });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      expect(seen.length).toBe(before);
    },
  );
});
