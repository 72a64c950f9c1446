import type { ServerResponse } from 'node:http';
import { audienceAccepted } from '@shoestring/contract';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';

export interface JwtAuthorizerOptions {
  /** Every token's `iss` must equal it. */
  issuer: string;
  /** A token's `aud` must name one of them; a token without `aud` is judged by its `client_id`. */
  audiences: readonly string[];
  /** Where the issuer's public keys are; fetched when a token names a key not seen yet. */
  jwksUrl: string;
}

/** Why a request was refused: the problem's stable code and what the person can do about it. */
export interface AuthFailure {
  code: 'AUTH_TOKEN_MISSING' | 'AUTH_TOKEN_INVALID';
  detail: string;
}

/** Decides whether a request's Authorization header carries a token the edge accepts. */
export type GatewayAuthorizer = (authorization: string | undefined) => Promise<AuthFailure | undefined>;

/**
 * The local stand-in for API Gateway's JWT authorizer: a bearer token signed (RS256) by a key of the issuer's
 * JWKS, with the right `iss`, not expired or not yet valid, and for one of the audiences. Roles are not looked at
 * here: API Gateway's authorizer checks scopes, not groups, so the API decides who is an admin.
 */
export function jwtAuthorizer(options: JwtAuthorizerOptions): GatewayAuthorizer {
  const keys = createRemoteJWKSet(new URL(options.jwksUrl));
  return async (authorization) => {
    const token = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i.exec(authorization ?? '')?.[1];
    if (!token) {
      return {
        code: 'AUTH_TOKEN_MISSING',
        detail: 'This operation needs a bearer token (Authorization: Bearer <access token>).',
      };
    }
    try {
      const { payload } = await jwtVerify(token, keys, { issuer: options.issuer, algorithms: ['RS256'] });
      if (audienceAccepted(payload, options.audiences)) return undefined;
      return {
        code: 'AUTH_TOKEN_INVALID',
        detail: 'The token was issued for another client (aud / client_id).',
      };
    } catch (error) {
      // An issuer that does not answer is the gateway's problem (503), not the caller's.
      if (error instanceof errors.JOSEError && !(error instanceof errors.JWKSTimeout))
        return { code: 'AUTH_TOKEN_INVALID', detail: reason(error) };
      throw error;
    }
  };
}

function reason(error: errors.JOSEError): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `The token's ${error.claim} claim is not accepted.`;
  if (error instanceof errors.JWKSNoMatchingKey)
    return 'The token was signed by a key the issuer does not publish.';
  return 'The token is not a valid signed token of the issuer.';
}

/** API Gateway's 401, as problem+json with a stable code and the challenge RFC 6750 asks for. */
export function sendUnauthorized(res: ServerResponse, failure: AuthFailure): void {
  const challenge = failure.code === 'AUTH_TOKEN_MISSING' ? 'Bearer' : 'Bearer error="invalid_token"';
  res.writeHead(401, { 'content-type': 'application/problem+json', 'www-authenticate': challenge }).end(
    JSON.stringify({
      type: 'about:blank',
      title: 'Unauthorized',
      status: 401,
      code: failure.code,
      detail: failure.detail,
    }),
  );
}
