import type { SiteConfig } from '@shoestring/contract';
import type { UserManager } from 'oidc-client-ts';
import { type Session, sessionFromAccessToken } from './session.ts';

/** Signing in and out with authorization code + PKCE; oidc-client-ts is loaded only when one of these runs. */
export interface SignIn {
  /** The signed-in user kept in session storage, or null (loads the library only if something is stored). */
  current(): Promise<Session | null>;
  /** Sends the browser to the provider; it comes back to the callback with `returnTo` (a `#/…` route). */
  start(returnTo: string): Promise<void>;
  /** True when this page load is the provider sending the browser back. */
  isCallback(location: Location): boolean;
  /** Trades the code for tokens and returns the route the user started from. */
  complete(url: string): Promise<{ session: Session; returnTo: string }>;
  /** Forgets the user here and ends the provider's session. */
  end(): Promise<void>;
}

/** oidc-client-ts keeps its user under keys that start with this (its default `oidc.` prefix). */
const STORE_PREFIX = 'oidc.';

export function createSignIn({ auth }: SiteConfig, storage: Storage = window.sessionStorage): SignIn {
  let manager: Promise<UserManager> | undefined;
  const load = () => {
    manager ??= import('oidc-client-ts').then(
      ({ UserManager, WebStorageStateStore }) =>
        new UserManager({
          authority: auth.authority,
          client_id: auth.clientId,
          redirect_uri: auth.redirectUri,
          post_logout_redirect_uri: auth.postLogoutRedirectUri,
          scope: auth.scope,
          response_type: 'code',
          userStore: new WebStorageStateStore({ store: storage }),
          // No silent renewal (it needs an iframe page or refresh tokens): an expired token means signing in again.
          automaticSilentRenew: false,
          // Cognito's managed login names no end_session_endpoint in its discovery document.
          ...(auth.logoutEndpoint ? { metadataSeed: { end_session_endpoint: auth.logoutEndpoint } } : {}),
        }),
    );
    return manager;
  };
  const hasStoredUser = () => Object.keys(storage).some((key) => key.startsWith(STORE_PREFIX));
  const callbackPath = new URL(auth.redirectUri).pathname;
  return {
    async current() {
      if (!hasStoredUser()) return null;
      const user = await (await load()).getUser();
      return user && !user.expired ? sessionFromAccessToken(user.access_token) : null;
    },
    async start(returnTo) {
      await (await load()).signinRedirect({ state: returnTo });
    },
    isCallback: (location) => location.pathname === callbackPath,
    async complete(url) {
      const user = await (await load()).signinRedirectCallback(url);
      const returnTo = typeof user.state === 'string' && user.state.startsWith('#/') ? user.state : '#/';
      return { session: sessionFromAccessToken(user.access_token), returnTo };
    },
    async end() {
      const users = await load();
      await users.removeUser();
      // oidc-client-ts sends `client_id`; Cognito's /logout also wants `logout_uri` instead of the standard name.
      const cognito = auth.logoutEndpoint ? { logout_uri: auth.postLogoutRedirectUri } : undefined;
      await users.signoutRedirect(cognito ? { extraQueryParams: cognito } : {});
    },
  };
}
