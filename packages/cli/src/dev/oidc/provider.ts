import { createServer } from 'node:http';
import { SIGN_IN_SCOPE, type SiteConfig, siteConfigFor } from '@shoestring/contract';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { type DemoUser, loadOrCreateDemoUsers } from './demo-users.ts';
import { handleInteraction, INTERACTION_PATH } from './interactions.ts';
import { loadOrCreateProviderKeys } from './keys.ts';
import { memoryAdapterFactory } from './memory-adapter.ts';
import { errorPage, logoutPage, signedOutPage } from './pages.ts';

/** The site's app client: public (no secret), authorization code + PKCE, as the Cognito app client in the cloud. */
export const SITE_CLIENT_ID = 'shoestring-web';

/** The resource indicator of the API; its tokens are JWTs whose audience is the site's client id. */
const API_RESOURCE = 'urn:shoestring:api';

/** Where Cognito serves a user pool's keys, relative to the issuer; the local provider serves them there too. */
const JWKS_PATH = '/.well-known/jwks.json';

/** Lifetimes in seconds, Cognito's defaults where it has one (access and ID token 1 h, code 5 min, refresh 30 d). */
const TTL = {
  AccessToken: 3_600,
  IdToken: 3_600,
  AuthorizationCode: 300,
  RefreshToken: 30 * 86_400,
  Interaction: 600,
  Session: 86_400,
  Grant: 30 * 86_400,
};

export interface OidcProviderOptions {
  dataDir: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** The origin the site is served from (the gateway's): the client's redirect URIs are under it. */
  siteOrigin: string;
}

export interface LocalOidcProvider {
  /** The issuer URL: every token's `iss`, and where discovery is (`/.well-known/openid-configuration`). */
  issuer: string;
  clientId: string;
  jwksUrl: string;
  users: DemoUser[];
  /** What the site needs to sign in against this provider (its `/config.json`). */
  siteConfig: SiteConfig;
  stop(): Promise<void>;
}

/**
 * A real OpenID Connect provider (oidc-provider, OpenID-certified) on its own loopback port, standing in for the
 * Cognito user pool: the demo users, the site's public client, and RS256 JWT access tokens carrying every claim of
 * a Cognito access token the edge and the API read (`token_use`, `client_id`, `username`, `cognito:groups`, ...).
 */
export async function startOidcProvider(options: OidcProviderOptions): Promise<LocalOidcProvider> {
  const [users, keys] = await Promise.all([
    loadOrCreateDemoUsers(options.dataDir),
    loadOrCreateProviderKeys(options.dataDir),
  ]);
  const server = createServer();
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const issuer = `http://${options.host}:${typeof address === 'object' && address ? address.port : 0}`;
  const siteConfig = siteConfigFor(options.siteOrigin, { authority: issuer, clientId: SITE_CLIENT_ID });
  const provider = new Provider(issuer, providerConfiguration(users, keys, siteConfig.auth));
  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (req.url?.startsWith(INTERACTION_PATH)) {
      handleInteraction(provider, users, req, res).catch(() => {
        if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
        res.end(errorPage('This sign-in attempt has expired. Go back to the shop and sign in again.'));
      });
    } else callback(req, res);
  });
  return {
    issuer,
    clientId: SITE_CLIENT_ID,
    jwksUrl: `${issuer}${JWKS_PATH}`,
    users,
    siteConfig,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function providerConfiguration(
  users: DemoUser[],
  keys: Awaited<ReturnType<typeof loadOrCreateProviderKeys>>,
  site: SiteConfig['auth'],
): Configuration {
  const bySub = (sub: string | undefined) => users.find((u) => u.sub === sub);
  return {
    adapter: memoryAdapterFactory(),
    routes: { jwks: JWKS_PATH },
    jwks: { keys: [keys.signing] },
    cookies: { keys: keys.cookieKeys },
    clients: [
      {
        client_id: SITE_CLIENT_ID,
        client_name: 'Shoestring shop',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [site.redirectUri],
        post_logout_redirect_uris: [site.postLogoutRedirectUri],
        scope: SIGN_IN_SCOPE,
      },
    ],
    responseTypes: ['code'],
    pkce: { required: () => true },
    // The ID token carries the profile itself (no userinfo call needed), as Cognito's does.
    conformIdTokenClaims: false,
    claims: {
      openid: ['sub'],
      profile: ['cognito:username', 'cognito:groups'],
      email: ['email', 'email_verified'],
    },
    findAccount: (_ctx, sub) => {
      const user = bySub(sub);
      if (!user) return undefined;
      return {
        accountId: user.sub,
        claims: () => ({
          sub: user.sub,
          'cognito:username': user.username,
          ...(user.groups.length > 0 ? { 'cognito:groups': user.groups } : {}),
          email: user.email,
          email_verified: true,
        }),
      };
    },
    extraTokenClaims: (ctx, token) => {
      if (token.kind !== 'AccessToken') return undefined;
      const user = bySub(token.accountId);
      if (!user) return undefined;
      return {
        token_use: 'access',
        username: user.username,
        ...(user.groups.length > 0 ? { 'cognito:groups': user.groups } : {}),
        auth_time: authTime(ctx),
      };
    },
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    clientBasedCORS: (_ctx, origin, client) =>
      client.redirectUris?.some((uri) => new URL(uri).origin === origin) ?? false,
    interactions: { url: (_ctx, interaction) => `${INTERACTION_PATH}${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.body = signedOutPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: SIGN_IN_SCOPE,
          // oidc-provider requires an audience in JWT access tokens (Cognito's have none); the site's client id
          // passes the same audience rule (`aud`, else `client_id`) as a Cognito token does.
          audience: SITE_CLIENT_ID,
          accessTokenFormat: 'jwt',
          accessTokenTTL: TTL.AccessToken,
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(Object.values(out).join(': '));
    },
    ttl: TTL,
  };
}

/** When the user signed in: from the code or refresh token being exchanged. */
function authTime(ctx: KoaContextWithOIDC): number | undefined {
  const { AuthorizationCode: code, RefreshToken: refresh } = ctx.oidc.entities;
  return code?.authTime ?? refresh?.authTime;
}
