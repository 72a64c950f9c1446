import { createHash, randomBytes } from 'node:crypto';
import type { SiteConfig } from '@shoestring/contract';
import { CliError } from '../../cli-error.ts';

export interface TokenSet {
  access_token: string;
  id_token: string;
  refresh_token?: string;
  expires_in: number;
  token_type: string;
}

const MAX_HOPS = 12;

/**
 * Signs a user in as the site does, over HTTP: the authorization code flow with PKCE against the provider's
 * discovery document, the username and password typed into its sign-in form, and the code exchanged at its token
 * endpoint. Nothing is signed here; every token comes from the provider.
 */
export async function signInWithPassword(
  site: SiteConfig['auth'],
  username: string,
  password: string,
): Promise<TokenSet> {
  const discovery = (await (
    await request(new URL('.well-known/openid-configuration', withSlash(site.authority)))
  ).json()) as { authorization_endpoint: string; token_endpoint: string };
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: site.clientId,
    response_type: 'code',
    redirect_uri: site.redirectUri,
    scope: site.scope,
    state,
    nonce: randomBytes(16).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  const code = await followToCallback(authorize, site.redirectUri, state, username, password);
  const response = await request(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: site.redirectUri,
      client_id: site.clientId,
      code_verifier: verifier,
    }),
  });
  if (!response.ok) throw new CliError(`The provider refused the code: ${await response.text()}`);
  return (await response.json()) as TokenSet;
}

/** Follows the provider's redirects like a browser, submits the sign-in form once, and returns the code. */
async function followToCallback(
  start: URL,
  redirectUri: string,
  state: string,
  username: string,
  password: string,
): Promise<string> {
  const cookies = new Map<string, string>();
  let url = start;
  let init: RequestInit = {};
  let submitted = false;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const response = await request(url, {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    keepCookies(cookies, response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url);
      init = {};
      if (url.href.startsWith(redirectUri)) return codeFrom(url, state);
      continue;
    }
    const page = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (!response.ok || !action || submitted) {
      throw new CliError(
        submitted && response.status === 401
          ? `The provider refused the password of "${username}".`
          : `Unexpected answer from the provider at ${url.pathname}: ${response.status}`,
      );
    }
    submitted = true;
    url = new URL(action.replaceAll('&amp;', '&'), url);
    init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username, password }).toString(),
    };
  }
  throw new CliError(`The provider redirected more than ${MAX_HOPS} times without returning a code.`);
}

function codeFrom(callback: URL, state: string): string {
  const params = callback.searchParams;
  const error = params.get('error');
  if (error)
    throw new CliError(`The provider refused the sign-in: ${error} ${params.get('error_description') ?? ''}`);
  if (params.get('state') !== state) throw new CliError('The provider returned another sign-in state.');
  const code = params.get('code');
  if (!code) throw new CliError('The provider returned no authorization code.');
  return code;
}

/** A jar for one sign-in: the provider's cookies by name (paths ignored); an expired cookie is removed. */
function keepCookies(cookies: Map<string, string>, setCookies: string[]): void {
  for (const line of setCookies) {
    const [pair = '', ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const expired = attributes.some((a) => /^\s*expires=.*1970/i.test(a) || /^\s*max-age=0\s*$/i.test(a));
    if (expired) cookies.delete(name);
    else cookies.set(name, pair.slice(eq + 1).trim());
  }
}

async function request(url: URL | string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new CliError(
      `The OpenID provider at ${new URL(url).origin} is not reachable: ${(error as Error).message}`,
    );
  }
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
