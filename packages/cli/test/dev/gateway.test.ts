import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MODULE_NAMES } from '@shoestring/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway } from '../../src/dev/gateway.ts';

const seen: string[] = [];
let upstream: Server;
let gateway: Server;
let base: string;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const siteDir = mkdtempSync(join(tmpdir(), 'gateway-site-'));
  writeFileSync(join(siteDir, 'index.html'), '<html></html>');
  const origin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  gateway = await startGateway({
    siteDir,
    moduleOrigins: Object.fromEntries(MODULE_NAMES.map((module) => [module, origin])),
    port: 0,
    host: '127.0.0.1',
  });
  base = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => gateway.close(resolve));
  await new Promise((resolve) => upstream.close(resolve));
});

describe('local gateway routes only the edge operations', () => {
  it('forwards an edge operation with the prefix removed and the query kept', async () => {
    const response = await fetch(`${base}/api/catalog/products?limit=5`);
    expect(response.status).toBe(200);
    expect(seen).toContain('GET /catalog/products?limit=5');
    expect((await fetch(`${base}/api/orders/abc/cancel`, { method: 'POST' })).status).toBe(200);
    expect(seen).toContain('POST /orders/abc/cancel');
  });

  it('answers HEAD for a GET operation', async () => {
    expect((await fetch(`${base}/api/catalog/products/p1`, { method: 'HEAD' })).status).toBe(200);
  });

  it.each([
    ['GET', '/api/health'],
    ['GET', '/api/ready'],
    ['GET', '/api/metrics'],
    ['GET', '/api/openapi.json'],
    ['PUT', '/api/internal/catalog/reservations/r1'],
    ['DELETE', '/api/internal/catalog/reservations/r1'],
    ['GET', '/api/internal/customers/c1'],
    ['GET', '/api/nowhere'],
    ['GET', '/api'],
    ['DELETE', '/api/catalog/products/p1'],
  ])('%s %s is a 404 problem at the gateway, never reaching the API', async (method, path) => {
    const before = seen.length;
    const response = await fetch(`${base}${path}`, { method });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(seen.length).toBe(before);
  });
});
