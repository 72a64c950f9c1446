import { ADMIN_GROUP } from '@shoestring/contract';

/** Who is signed in, as the site shows it. The API verifies the token itself; nothing here is trusted. */
export interface Session {
  accessToken: string;
  /** The provider's user name (Cognito's `username` claim), shown in the header. */
  username: string;
  /** From `cognito:groups`; only decides which screens to offer. */
  isAdmin: boolean;
}

/** Reads an access token's payload for display; the signature is the API's business, not the browser's. */
export function sessionFromAccessToken(accessToken: string): Session {
  const payload = accessToken.split('.')[1] ?? '';
  let claims: { username?: unknown; sub?: unknown; 'cognito:groups'?: unknown } = {};
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    claims = JSON.parse(new TextDecoder().decode(bytes)) as typeof claims;
  } catch {
    // An unreadable token still goes to the API, which answers 401; the site just cannot name the user.
  }
  const groups = Array.isArray(claims['cognito:groups']) ? claims['cognito:groups'] : [];
  const name = typeof claims.username === 'string' ? claims.username : claims.sub;
  return {
    accessToken,
    username: typeof name === 'string' ? name : 'signed in',
    isAdmin: groups.includes(ADMIN_GROUP),
  };
}
