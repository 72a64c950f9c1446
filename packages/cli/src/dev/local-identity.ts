import { randomBytes } from 'node:crypto';
import { API_AUTH_ENV } from '@shoestring/contract';
import { type GatewayAuthorizer, jwtAuthorizer } from './gateway-auth.ts';
import { demoUser } from './oidc/demo-users.ts';
import type { LocalOidcProvider } from './oidc/provider.ts';
import { signInWithPassword } from './oidc/sign-in.ts';

export interface LocalIdentity {
  provider: LocalOidcProvider;
  /** The API's token settings, and a service credential that is new on every start. */
  apiEnv: Record<string, string>;
  /** The gateway's JWT authorizer, trusting only this provider. */
  authorize: GatewayAuthorizer;
  /** An access token of a demo user, from the provider's own sign-in flow. */
  tokenFor(username: string): Promise<string>;
  stop(): Promise<void>;
}

/** The local provider and everything that trusts it: the API's env and the gateway's authorizer. */
export async function startLocalIdentity(options: {
  dataDir: string;
  host: string;
  siteOrigin: string;
}): Promise<LocalIdentity> {
  // Loaded only now: oidc-provider warns on import under Node 20, which must not come before a one-line start error.
  const { startOidcProvider } = await import('./oidc/provider.ts');
  const provider = await startOidcProvider({ ...options, port: 0 });
  const audience = provider.clientId;
  return {
    provider,
    apiEnv: {
      [API_AUTH_ENV.issuer]: provider.issuer,
      [API_AUTH_ENV.audience]: audience,
      [API_AUTH_ENV.jwksUrl]: provider.jwksUrl,
      [API_AUTH_ENV.internalToken]: randomBytes(32).toString('base64url'),
    },
    authorize: jwtAuthorizer({ issuer: provider.issuer, audiences: [audience], jwksUrl: provider.jwksUrl }),
    tokenFor: async (username) => {
      const user = demoUser(provider.users, username);
      return (await signInWithPassword(provider.siteConfig.auth, user.username, user.password)).access_token;
    },
    stop: () => provider.stop(),
  };
}
