import type { ContainerEnvName } from './container-env.ts';
import { requiresToken } from './identity.ts';
import { EDGE_OPERATIONS, type Operation } from './routes.ts';

/** The edge operations that carry the JWT authorizer (see {@link requiresToken}). */
export const AUTHORIZED_EDGE_OPERATIONS: readonly Operation[] = EDGE_OPERATIONS.filter(requiresToken);

/** The claims of an access token the edge and the API read (Amazon Cognito's access token shape). */
export interface AccessTokenClaims {
  iss: string;
  sub: string;
  client_id: string;
  token_use: 'access';
  scope: string;
  username: string;
  'cognito:groups'?: string[];
  aud?: string | string[];
  exp: number;
  iat: number;
  jti: string;
  auth_time: number;
}

/**
 * The audience rule of API Gateway's JWT authorizer: `aud` must name one of the audiences; only a token without
 * `aud` (a Cognito access token) is judged by its `client_id` instead.
 */
export function audienceAccepted(
  claims: { aud?: unknown; client_id?: unknown },
  audiences: readonly string[],
) {
  if (claims.aud !== undefined) {
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    return aud.some((a) => typeof a === 'string' && audiences.includes(a));
  }
  return typeof claims.client_id === 'string' && audiences.includes(claims.client_id);
}

/**
 * The environment the API reads to verify tokens; the cloud's task definition and `shoestring dev` set it. Names of
 * the container contract (`CONTAINER_ENV`, checked by the compiler), grouped for the code that sets them.
 */
export const API_AUTH_ENV = {
  /** The issuer URL every token's `iss` must equal. */
  issuer: 'AUTH_ISSUER',
  /** Comma-separated audiences (the site's client id): a token's `aud`, or its `client_id` when it has no `aud`. */
  audience: 'AUTH_AUDIENCE',
  /** Where the issuer's signing keys are served (`<issuer>/.well-known/jwks.json` at Cognito). */
  jwksUrl: 'AUTH_JWKS_URL',
  /** The credential one service of the API presents to another on internal routes. */
  internalToken: 'INTERNAL_API_TOKEN',
} as const satisfies Record<string, ContainerEnvName>;

/** Where the site finds its runtime configuration (written by `shoestring deploy-web`, served by `shoestring dev`). */
export const SITE_CONFIG_PATH = '/config.json';

/** The site's page the provider sends the browser back to with the authorization code. */
export const SIGN_IN_CALLBACK_PATH = '/auth/callback';

/** The scopes the site asks for (Cognito's standard scopes an app client allows). */
export const SIGN_IN_SCOPE = 'openid profile email';

/** The site's `/config.json`: what it needs to sign people in with authorization code + PKCE (no client secret). */
export interface SiteConfig {
  auth: {
    /** The provider's issuer URL; its discovery document is at `<authority>/.well-known/openid-configuration`. */
    authority: string;
    /** The site's public app client. */
    clientId: string;
    /** Where the provider returns the code: the site's origin + {@link SIGN_IN_CALLBACK_PATH}. */
    redirectUri: string;
    /** Where the provider returns the browser after sign-out: the site's origin + `/`. */
    postLogoutRedirectUri: string;
    scope: string;
    /**
     * Sign-out URL when the discovery document names no `end_session_endpoint` (Cognito's managed login:
     * `https://<domain>/logout`, which takes `client_id` and `logout_uri`).
     */
    logoutEndpoint?: string;
  };
}

/** The site's runtime configuration for a site origin and a provider, the same in the cloud and locally. */
export function siteConfigFor(
  siteOrigin: string,
  provider: { authority: string; clientId: string; logoutEndpoint?: string },
): SiteConfig {
  return {
    auth: {
      authority: provider.authority,
      clientId: provider.clientId,
      redirectUri: new URL(SIGN_IN_CALLBACK_PATH, siteOrigin).href,
      postLogoutRedirectUri: new URL('/', siteOrigin).href,
      scope: SIGN_IN_SCOPE,
      ...(provider.logoutEndpoint ? { logoutEndpoint: provider.logoutEndpoint } : {}),
    },
  };
}
