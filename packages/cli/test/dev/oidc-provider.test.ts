import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli-error.ts';
import { type DemoUser, usersFile } from '../../src/dev/oidc/demo-users.ts';
import { type LocalOidcProvider, startOidcProvider } from '../../src/dev/oidc/provider.ts';
import { signInWithPassword } from '../../src/dev/oidc/sign-in.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'oidc-provider-'));
const siteOrigin = 'http://127.0.0.1:3999';
let provider: LocalOidcProvider;

beforeAll(async () => {
  provider = await startOidcProvider({ dataDir, host: '127.0.0.1', port: 0, siteOrigin });
});
afterAll(() => provider.stop());

const user = (name: string) => provider.users.find((u) => u.username === name) as DemoUser;
const signIn = (name: string) => signInWithPassword(provider.siteConfig.auth, name, user(name).password);

async function verified(token: string) {
  const keys = createRemoteJWKSet(new URL(provider.jwksUrl));
  return jwtVerify(token, keys, { issuer: provider.issuer, algorithms: ['RS256'] });
}

describe('local OpenID provider', () => {
  it('publishes discovery with the issuer, code + PKCE S256, and the JWKS where Cognito has it', async () => {
    const discovery = (await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json()) as {
      jwks_uri: string;
    };
    expect(discovery).toMatchObject({
      issuer: provider.issuer,
      jwks_uri: `${provider.issuer}/.well-known/jwks.json`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
    });
    expect(provider.jwksUrl).toBe(discovery.jwks_uri);
  });

  it('issues a shopper an RS256 access token with every claim of a Cognito access token the API reads', async () => {
    const before = Math.floor(Date.now() / 1000);
    const tokens = await signIn('alice');
    const { payload, protectedHeader } = await verified(tokens.access_token);
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      iss: provider.issuer,
      sub: user('alice').sub,
      client_id: provider.clientId,
      token_use: 'access',
      username: 'alice',
      scope: 'openid profile email',
    });
    expect(payload.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(payload['cognito:groups']).toBeUndefined();
    expect(typeof payload.jti).toBe('string');
    expect(payload.iat).toBeGreaterThanOrEqual(before);
    expect((payload.exp as number) - (payload.iat as number)).toBe(3_600);
    expect(payload.auth_time).toBeGreaterThanOrEqual(before);
    expect(payload.auth_time).toBeLessThanOrEqual(payload.iat as number);
    // The ID token is not an access token: it has no token_use the API would accept.
    expect((await verified(tokens.id_token)).payload.token_use).toBeUndefined();
  });

  it('puts admin in the admin group and gives each user their own stable subject', async () => {
    const { payload } = await verified((await signIn('admin')).access_token);
    expect(payload).toMatchObject({ username: 'admin', 'cognito:groups': ['admin'], sub: user('admin').sub });
    const bob = (await verified((await signIn('bob')).access_token)).payload;
    expect(bob.sub).toBe(user('bob').sub);
    expect(new Set(provider.users.map((u) => u.sub)).size).toBe(3);
  });

  it('refuses a wrong password', async () => {
    const error = await signInWithPassword(provider.siteConfig.auth, 'alice', 'guess').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toContain('refused the password of "alice"');
  });

  it('requires PKCE and a registered redirect URI', async () => {
    const authorize = (params: Record<string, string>) =>
      fetch(`${provider.issuer}/auth?${new URLSearchParams(params)}`, { redirect: 'manual' });
    const common = { client_id: provider.clientId, response_type: 'code', scope: 'openid' };
    const noPkce = await authorize({ ...common, redirect_uri: provider.siteConfig.auth.redirectUri });
    const location = new URL(noPkce.headers.get('location') ?? '', provider.issuer);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    const challenge = createHash('sha256').update(randomBytes(32)).digest('base64url');
    const elsewhere = await authorize({
      ...common,
      redirect_uri: 'http://127.0.0.1:3999.evil.example/auth/callback',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    // An unregistered redirect URI is an error page at the provider, never a redirect there.
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.headers.get('location')).toBeNull();
  });

  it('keeps keys and users in the data folder, private, and the same after a restart', async () => {
    const first = await signIn('alice');
    expect(statSync(usersFile(dataDir)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'auth', 'keys.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(usersFile(dataDir), 'utf8'))).toEqual(provider.users);
    await provider.stop();
    const previous = provider;
    provider = await startOidcProvider({ dataDir, host: '127.0.0.1', port: 0, siteOrigin });
    expect(provider.users).toEqual(previous.users);
    const again = await signIn('alice');
    expect(decodeProtectedHeader(again.access_token).kid).toBe(decodeProtectedHeader(first.access_token).kid);
    // A token of the previous run still verifies against the keys served now (the issuer's port changed).
    const keys = createRemoteJWKSet(new URL(provider.jwksUrl));
    expect((await jwtVerify(first.access_token, keys)).payload.sub).toBe(user('alice').sub);
  });
});
