import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MODULE_NAMES } from '@shoestring/contract';
import { findFreePort } from '@shoestring/dbtools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway } from '../../src/dev/gateway.ts';
import { type LocalIdentity, startLocalIdentity } from '../../src/dev/local-identity.ts';
import { forgedTokens } from './forged-tokens.ts';

const seen: Array<{ request: string; authorization?: string }> = [];
const dataDir = mkdtempSync(join(tmpdir(), 'gateway-identity-'));
let upstream: Server;
let gateway: Server;
let identity: LocalIdentity;
let base: string;
let alice: string;
let forged: Record<string, string>;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    seen.push({ request: `${req.method} ${req.url}`, authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const siteDir = mkdtempSync(join(tmpdir(), 'gateway-site-'));
  writeFileSync(join(siteDir, 'index.html'), '<html></html>');
  const port = await findFreePort();
  identity = await startLocalIdentity({ dataDir, host: '127.0.0.1', siteOrigin: `http://127.0.0.1:${port}` });
  const origin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  gateway = await startGateway({
    siteDir,
    moduleOrigins: Object.fromEntries(MODULE_NAMES.map((module) => [module, origin])),
    port,
    host: '127.0.0.1',
    identity: { authorize: identity.authorize, siteConfig: identity.provider.siteConfig },
  });
  base = `http://127.0.0.1:${port}`;
  alice = await identity.tokenFor('alice');
  forged = await forgedTokens(dataDir, alice);
});

afterAll(async () => {
  await new Promise((resolve) => gateway.close(resolve));
  await new Promise((resolve) => upstream.close(resolve));
  await identity.stop();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('local gateway routes only the edge operations', () => {
  it('forwards an edge operation with the prefix removed and the query kept', async () => {
    const response = await fetch(`${base}/api/catalog/products?limit=5`);
    expect(response.status).toBe(200);
    expect(seen.map((s) => s.request)).toContain('GET /catalog/products?limit=5');
    const cancel = await fetch(`${base}/api/orders/abc/cancel`, { method: 'POST', headers: bearer(alice) });
    expect(cancel.status).toBe(200);
    expect(seen.map((s) => s.request)).toContain('POST /orders/abc/cancel');
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
    ['GET', '/api//['],
  ])('%s %s is a 404 problem at the gateway, never reaching the API', async (method, path) => {
    const before = seen.length;
    // Even with a valid token: what is not an edge operation does not exist at the edge.
    const response = await fetch(`${base}${path}`, { method, headers: bearer(alice) });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(seen.length).toBe(before);
  });
});

describe('local gateway authorizes as the HTTP API JWT authorizer does', () => {
  it('lets anonymous catalog reads through without a token', async () => {
    expect((await fetch(`${base}/api/catalog/products`)).status).toBe(200);
    expect((await fetch(`${base}/api/catalog/products/p1`)).status).toBe(200);
  });

  it.each([
    ['POST', '/api/orders'],
    ['GET', '/api/orders'],
    ['GET', '/api/orders/o1'],
    ['PUT', '/api/customers/me'],
    ['GET', '/api/customers'],
    ['POST', '/api/catalog/products'],
  ])('refuses %s %s without a token: 401 problem with a Bearer challenge', async (method, path) => {
    const before = seen.length;
    const response = await fetch(`${base}${path}`, {
      method,
      body: method === 'POST' || method === 'PUT' ? '{}' : undefined,
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 401, code: 'AUTH_TOKEN_MISSING' });
    expect(seen.length).toBe(before);
  });

  it('refuses a scheme other than Bearer', async () => {
    const response = await fetch(`${base}/api/orders`, { headers: { authorization: `Basic ${alice}` } });
    expect(response.status).toBe(401);
  });

  it('refuses every forged, expired or foreign token with 401 invalid_token and forwards nothing', async () => {
    const names = Object.keys(forged);
    expect(names.length).toBeGreaterThanOrEqual(10);
    for (const name of names) {
      const before = seen.length;
      const response = await fetch(`${base}/api/orders`, { headers: bearer(forged[name] as string) });
      expect({ name, status: response.status }).toEqual({ name, status: 401 });
      expect(response.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect(await response.json()).toMatchObject({ status: 401, code: 'AUTH_TOKEN_INVALID' });
      expect(seen.length).toBe(before);
    }
  });

  it('forwards a valid token with its Authorization header to the API', async () => {
    const response = await fetch(`${base}/api/orders?limit=1`, { headers: bearer(alice) });
    expect(response.status).toBe(200);
    expect(seen.at(-1)).toEqual({ request: 'GET /orders?limit=1', authorization: `Bearer ${alice}` });
  });

  it("leaves the admin role to the API: a shopper's valid token passes the edge on an admin operation", async () => {
    const response = await fetch(`${base}/api/customers`, { headers: bearer(alice) });
    expect(response.status).toBe(200);
    expect(seen.at(-1)?.request).toBe('GET /customers');
  });

  it("serves the site's /config.json with the provider's settings", async () => {
    const response = await fetch(`${base}/config.json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      auth: {
        authority: identity.provider.issuer,
        clientId: identity.provider.clientId,
        redirectUri: `${base}/auth/callback`,
        postLogoutRedirectUri: `${base}/`,
        scope: 'openid profile email',
      },
    });
  });
});
