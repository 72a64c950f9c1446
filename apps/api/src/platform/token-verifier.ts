import { createRemoteJWKSet, errors, type JWTPayload, jwtVerify } from 'jose';

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
}

/** Verifies a bearer token with `jose` against the issuer's JWKS (fetched on demand, cached, refetched on a new kid). */
export function createTokenVerifier(options: TokenVerifierOptions) {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl), {
    timeoutDuration: 5000,
    cooldownDuration: options.jwksCooldownMs ?? 30_000,
    cacheMaxAge: 10 * 60_000,
  });
  return async function verify(token: string): Promise<Caller> {
    if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token))
      throw new TokenRejectedError('The token is not a signed JWT.');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
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
    return callerFromClaims(payload, options.audiences);
  };
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
