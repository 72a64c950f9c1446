import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';

interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

export interface TokenOptions {
  /** @default a new random subject */
  readonly sub?: string;
  /** Cognito user-pool groups; `['admin']` makes an admin. @default [] */
  readonly groups?: readonly string[];
  /** Seconds until `exp`; negative for an expired token. @default 3600 */
  readonly expiresIn?: number;
  /** Claims to set or (with undefined) remove, after the Cognito-shaped defaults. */
  readonly claims?: Readonly<Record<string, unknown>>;
}

/**
 * A token issuer for tests, shaped like a Cognito user pool: it serves its public keys as a JWKS over real HTTP
 * (`/.well-known/jwks.json`, where Cognito serves them) and signs RS256 access tokens with the claims Cognito puts
 * in one. `rotate()` replaces the signing key with a new `kid`, as a key rotation does.
 */
export class TestIssuer {
  /** JWKS fetches so far: tests see caching and refetching on a new kid. */
  jwksRequests = 0;
  readonly clientId = `test-client-${randomUUID().slice(0, 8)}`;
  readonly internalToken = randomBytes(24).toString('hex');

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
    private key: SigningKey,
  ) {}

  static async start(): Promise<TestIssuer> {
    const key = await newSigningKey();
    let issuer: TestIssuer | undefined;
    const server = createServer((request, response) => {
      if (request.url !== '/.well-known/jwks.json' || !issuer) return response.writeHead(404).end();
      issuer.jwksRequests++;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [issuer.key.publicJwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // The server must not keep a test worker alive once its tests are done.
    server.unref();
    issuer = new TestIssuer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, key);
    return issuer;
  }

  /** The environment of an API that trusts this issuer and shares this service credential. */
  get env(): Record<string, string> {
    return { AUTH_ISSUER: this.issuer, AUTH_AUDIENCE: this.clientId, INTERNAL_API_TOKEN: this.internalToken };
  }

  /** The claims of a Cognito access token for `options`. */
  claims(options: TokenOptions = {}): JWTPayload {
    const now = Math.floor(Date.now() / 1000);
    const sub = options.sub ?? randomUUID();
    const claims: Record<string, unknown> = {
      iss: this.issuer,
      sub,
      client_id: this.clientId,
      token_use: 'access',
      scope: 'openid email profile',
      username: sub,
      'cognito:groups': [...(options.groups ?? [])],
      auth_time: now,
      iat: now,
      exp: now + (options.expiresIn ?? 3600),
      jti: randomUUID(),
      ...options.claims,
    };
    for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
    return claims;
  }

  /** A valid access token, signed with the current key. */
  async token(options: TokenOptions = {}): Promise<string> {
    return this.sign(this.claims(options));
  }

  /** Signs any claims with the current key (or `key`), with the current kid unless another is given. */
  async sign(claims: JWTPayload, key: CryptoKey = this.key.privateKey, kid = this.key.kid): Promise<string> {
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
  }

  /** A new signing key under a new kid; the JWKS serves only it from now on. */
  async rotate(): Promise<void> {
    this.key = await newSigningKey();
  }

  get kid(): string {
    return this.key.kid;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export async function newSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}
