import {
  type CryptoKey,
  createRemoteJWKSet,
  errors,
  type FlattenedJWSInput,
  type JWSHeaderParameters,
  type JWTPayload,
  jwtVerify,
} from 'jose';

/** A signed-in user, as the access token tells: the subject is the user's stable id at the issuer. */
export interface Caller {
  readonly subject: string;
  readonly role: 'shopper' | 'admin';
}

/** The user-pool group whose members are admins (Cognito's `cognito:groups` claim). */
export const ADMIN_GROUP = 'admin';

/**
 * Asymmetric algorithms only. `none` is refused, and so is HMAC: an HS256 token would be checked against a shared
 * secret, and a verifier that took the issuer's public key as that secret would accept a forged token.
 */
export const ACCEPTED_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

/** Clock skew allowed on `exp` and `nbf` between the issuer and this task. */
export const CLOCK_TOLERANCE_SECONDS = 30;
/** Longer "tokens" are refused before any parsing (a Cognito access token is about 1 KB). */
const MAX_TOKEN_LENGTH = 8192;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The token is not acceptable (the client's fault): 401 invalid_token. */
export class TokenRejectedError extends Error {}
/** The issuer's keys could not be fetched (not the client's fault): 503. */
export class IssuerUnavailableError extends Error {}

/**
 * Whether jose failed because of the key set (not answering, not 200, not a key set) rather than the token: a
 * failed fetch is not a JOSEError, a non-200 answer is the generic one. Every other JOSEError is the token's fault.
 */
function isIssuerFault(error: unknown): boolean {
  return (
    !(error instanceof errors.JOSEError) ||
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    error.code === errors.JOSEError.code
  );
}

export interface TokenVerifierOptions {
  readonly issuer: string;
  readonly audiences: readonly string[];
  readonly jwksUrl: string;
  /**
   * No new key fetch sooner than this after the last one, even for an unknown `kid` (a rotated key is fetched on
   * first sight after that), so forged kids cannot hammer the issuer. @default 30000
   */
  readonly jwksCooldownMs?: number;
  /**
   * How many verified tokens to remember (ADR 0132): the same token again (a signed-in user's next request) is
   * accepted without checking its signature once more, while the issuer's key set still gives the same key and
   * the token has not expired.
   * 0 verifies every token in full. @default 4096 (about 5 MB of Cognito access tokens)
   */
  readonly verifiedTokenCacheSize?: number;
}

/** How long the issuer's key set is used before it is fetched again, and the longest a verified token is remembered. */
const KEY_SET_MAX_AGE_MS = 10 * 60_000;

/** Verifies a bearer token with `jose` against the issuer's JWKS (fetched on demand, cached, refetched on a new kid). */
export function createTokenVerifier(options: TokenVerifierOptions) {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl), {
    timeoutDuration: 5000,
    cooldownDuration: options.jwksCooldownMs ?? 30_000,
    cacheMaxAge: KEY_SET_MAX_AGE_MS,
  });
  const verified = new VerifiedTokens(options.verifiedTokenCacheSize ?? 4096);
  /** The key the issuer's current set gives for this header, or undefined when it gives none (withdrawn). */
  const currentKey = (header: JWSHeaderParameters) => keys(header).catch(() => undefined);
  return async function verify(token: string): Promise<Caller> {
    const known = verified.get(token);
    // Trusted again only while the key set gives the very key it was verified with: a reloaded set (rotation,
    // withdrawal, its 10 minutes over) makes new key objects, and the token is then checked in full.
    if (known && (await currentKey(known.header)) === known.key) return known.caller;
    if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token))
      throw new TokenRejectedError('The token is not a signed JWT.');
    let payload: JWTPayload;
    let used: { header: JWSHeaderParameters; key: CryptoKey } | undefined;
    const keyFor = async (header: JWSHeaderParameters, input: FlattenedJWSInput) => {
      const key = await keys(header, input);
      used = { header, key };
      return key;
    };
    try {
      ({ payload } = await jwtVerify(token, keyFor, {
        issuer: options.issuer,
        algorithms: ACCEPTED_ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      if (isIssuerFault(error))
        throw new IssuerUnavailableError(`The token issuer's keys could not be fetched: ${String(error)}`);
      throw new TokenRejectedError(`The token was refused: ${(error as Error).message}`);
    }
    const caller = callerFromClaims(payload, options.audiences);
    if (used) verified.add(token, { caller, ...used }, payload.exp);
    return caller;
  };
}

interface VerifiedToken {
  readonly caller: Caller;
  /** The protected header and the key it was verified with. */
  readonly header: JWSHeaderParameters;
  readonly key: CryptoKey;
}

/**
 * Tokens that passed every check, by their exact text (a changed byte is another token), with the caller they gave.
 * Jose verifies a signature through WebCrypto at about 0.13 ms of CPU, four times what the check itself costs; a
 * signed-in shopper sends the same token for an hour. Bounded: past the size the oldest entry goes.
 */
class VerifiedTokens {
  private readonly entries = new Map<string, VerifiedToken & { untilMs: number }>();

  constructor(private readonly size: number) {}

  get(token: string): VerifiedToken | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (Date.now() < entry.untilMs) return entry;
    // Expired (or remembered long enough): the full check decides, and refuses it with jose's reason.
    this.entries.delete(token);
    return undefined;
  }

  add(token: string, verified: VerifiedToken, exp: number | undefined): void {
    if (this.size === 0 || exp === undefined) return;
    // jose accepts a token until exp plus the clock tolerance; never remember it longer than that.
    const untilMs = Math.min((exp + CLOCK_TOLERANCE_SECONDS) * 1000, Date.now() + KEY_SET_MAX_AGE_MS);
    if (this.entries.size >= this.size) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(token, { ...verified, untilMs });
  }
}

function callerFromClaims(payload: JWTPayload, audiences: readonly string[]): Caller {
  const tokenAudiences = [
    ...(Array.isArray(payload.aud) ? payload.aud : [payload.aud]),
    payload.client_id,
  ].filter((value): value is string => typeof value === 'string');
  if (!tokenAudiences.some((audience) => audiences.includes(audience)))
    throw new TokenRejectedError('The token was issued for another client (aud / client_id).');
  // Cognito ID tokens (token_use "id") also verify against the pool's keys; only access tokens grant access.
  if (payload.token_use !== undefined && payload.token_use !== 'access')
    throw new TokenRejectedError('Only access tokens are accepted (token_use).');
  if (typeof payload.sub !== 'string' || payload.sub === '' || payload.sub.length > 255)
    throw new TokenRejectedError('The token has no usable subject (sub).');
  const groups = payload['cognito:groups'];
  const admin = Array.isArray(groups) && groups.includes(ADMIN_GROUP);
  return { subject: payload.sub, role: admin ? 'admin' : 'shopper' };
}
