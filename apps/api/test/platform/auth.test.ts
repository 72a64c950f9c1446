import { OPERATIONS } from '@shoestring/contract';
import fc from 'fast-check';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authPlugin } from '../../src/platform/auth.ts';
import { ADMIN, bearer, buildTestApp, SHOPPER, type TestApp, testIssuer } from '../helpers/app.ts';
import { expectProblem } from '../helpers/problem.ts';
import { TestIssuer } from '../helpers/token-issuer.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('routes from the route table', () => {
  it('serves exactly the operations of the table, each at its method and path', () => {
    const key = (o: { operationId: string; method: string; path: string; access: string }) =>
      `${o.operationId} ${o.method} ${o.path} ${o.access}`;
    expect(t.app.servedOperations.map(key).sort()).toEqual(OPERATIONS.map(key).sort());
  });

  it('refuses to start with a route that is not from the table', async () => {
    const app = Fastify();
    await app.register(authPlugin, { auth: { audiences: [] } });
    expect(() => app.get('/backdoor', async () => 'open')).toThrow(/not from the route table/);
    await app.close();
  });

  it('serves no HEAD twin of a guarded GET', async () => {
    expect((await t.app.inject({ method: 'HEAD', url: '/customers' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'HEAD', url: '/orders', headers: SHOPPER })).statusCode).toBe(404);
  });
});

describe('access levels', () => {
  it('lets anyone read the catalog, and asks for a token elsewhere with WWW-Authenticate: Bearer', async () => {
    expect((await t.app.inject({ url: '/catalog/products' })).statusCode).toBe(200);
    const response = await t.app.inject({ url: '/customers/me' });
    expectProblem(response, 401, 'AUTH_TOKEN_MISSING');
    expect(response.headers['www-authenticate']).toBe('Bearer');
    const invalid = await t.app.inject({ url: '/customers/me', headers: bearer('not.a.token') });
    expectProblem(invalid, 401, 'AUTH_TOKEN_INVALID');
    expect(invalid.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
  });

  it('answers 403 to a shopper on an admin operation, and lets an admin in', async () => {
    expectProblem(await t.app.inject({ url: '/customers', headers: SHOPPER }), 403, 'AUTH_FORBIDDEN');
    expect((await t.app.inject({ url: '/customers', headers: ADMIN })).statusCode).toBe(200);
  });

  it('refuses Cognito ID tokens: only access tokens grant access', async () => {
    const idToken = await testIssuer.token({ claims: { token_use: 'id', aud: testIssuer.clientId } });
    expectProblem(
      await t.app.inject({ url: '/orders', headers: bearer(idToken) }),
      401,
      'AUTH_TOKEN_INVALID',
    );
  });

  it('accepts an audience in `aud` as well as in `client_id`', async () => {
    const token = await testIssuer.token({ claims: { client_id: undefined, aud: testIssuer.clientId } });
    expect((await t.app.inject({ url: '/orders', headers: bearer(token) })).statusCode).toBe(200);
  });

  it('answers any Authorization header with a 401 problem, never a 5xx', async () => {
    const segment = fc.string({ unit: fc.constantFrom(...'AZaz09-_+/=.!{}"$ '.split('')), maxLength: 60 });
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 4 }), async (parts) => {
        const response = await t.app.inject({
          url: '/orders',
          headers: { authorization: `Bearer ${parts.join('.')}` },
        });
        expect(response.statusCode, response.body).toBe(401);
        expect(response.headers['content-type']).toMatch(/problem\+json/);
      }),
      { numRuns: 200 },
    );
  });

  it('tolerates small clock skew on exp and nbf, not more', async () => {
    const skewed = await testIssuer.token({
      expiresIn: -10,
      claims: { nbf: Math.floor(Date.now() / 1000) + 10 },
    });
    expect((await t.app.inject({ url: '/orders', headers: bearer(skewed) })).statusCode).toBe(200);
    const early = await testIssuer.token({ claims: { nbf: Math.floor(Date.now() / 1000) + 600 } });
    expectProblem(await t.app.inject({ url: '/orders', headers: bearer(early) }), 401, 'AUTH_TOKEN_INVALID');
  });
});

describe('the issuer', () => {
  it('fetches its keys once, and again when a token names a new key (rotation)', async () => {
    const issuer = await TestIssuer.start();
    const rotating = await buildTestApp(issuer.env, { jwksCooldownMs: 0 });
    try {
      const first = bearer(await issuer.token());
      expect((await rotating.app.inject({ url: '/orders', headers: first })).statusCode).toBe(200);
      expect((await rotating.app.inject({ url: '/orders', headers: first })).statusCode).toBe(200);
      expect(issuer.jwksRequests, 'the key set is cached').toBe(1);

      await issuer.rotate();
      const second = bearer(await issuer.token());
      expect((await rotating.app.inject({ url: '/orders', headers: second })).statusCode).toBe(200);
      expect(issuer.jwksRequests, 'the new kid was fetched').toBe(2);
      // The old key left the set with the rotation, so tokens signed with it no longer pass.
      expectProblem(await rotating.app.inject({ url: '/orders', headers: first }), 401, 'AUTH_TOKEN_INVALID');
    } finally {
      await rotating.close();
      await issuer.close();
    }
  });

  it('answers 503 AUTH_UNAVAILABLE, not a crash, when its keys cannot be fetched', async () => {
    const cut = await buildTestApp({ AUTH_JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json' });
    try {
      const response = await cut.app.inject({ url: '/orders', headers: bearer(await testIssuer.token()) });
      expectProblem(response, 503, 'AUTH_UNAVAILABLE');
    } finally {
      await cut.close();
    }
  });

  it('without AUTH_ISSUER lets nobody into shopper or admin routes (secure by default)', async () => {
    const open = await buildTestApp({ AUTH_ISSUER: '', AUTH_AUDIENCE: '' });
    try {
      expect((await open.app.inject({ url: '/catalog/products' })).statusCode).toBe(200);
      for (const headers of [{}, ADMIN, SHOPPER]) {
        expectProblem(await open.app.inject({ url: '/orders', headers }), 503, 'AUTH_NOT_CONFIGURED');
        expectProblem(await open.app.inject({ url: '/customers', headers }), 503, 'AUTH_NOT_CONFIGURED');
      }
    } finally {
      await open.close();
    }
  });
});
