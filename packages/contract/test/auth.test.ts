import { describe, expect, it } from 'vitest';
import {
  AUTHORIZED_EDGE_OPERATIONS,
  audienceAccepted,
  EDGE_OPERATIONS,
  requiresToken,
  siteConfigFor,
} from '../src/index.ts';

describe('edge authorization rules', () => {
  it('lets only anonymous operations through without a token', () => {
    const open = EDGE_OPERATIONS.filter((o) => !requiresToken(o)).map((o) => o.operationId);
    expect(open.sort()).toEqual(['getProduct', 'listProducts']);
    expect(AUTHORIZED_EDGE_OPERATIONS.length).toBe(EDGE_OPERATIONS.length - open.length);
    expect(AUTHORIZED_EDGE_OPERATIONS.every((o) => o.access === 'shopper' || o.access === 'admin')).toBe(
      true,
    );
  });

  it('judges the audience as API Gateway does: aud when present, else client_id', () => {
    expect(audienceAccepted({ client_id: 'web' }, ['web'])).toBe(true);
    expect(audienceAccepted({ client_id: 'other' }, ['web'])).toBe(false);
    expect(audienceAccepted({ aud: ['x', 'web'], client_id: 'other' }, ['web'])).toBe(true);
    // A present aud decides, even when client_id would match.
    expect(audienceAccepted({ aud: 'api', client_id: 'web' }, ['web'])).toBe(false);
    expect(audienceAccepted({ aud: 7, client_id: 'web' }, ['web'])).toBe(false);
    expect(audienceAccepted({}, ['web'])).toBe(false);
  });

  it('builds the site config from the site origin', () => {
    expect(
      siteConfigFor('http://127.0.0.1:3000', { authority: 'http://127.0.0.1:4000', clientId: 'web' }),
    ).toEqual({
      auth: {
        authority: 'http://127.0.0.1:4000',
        clientId: 'web',
        redirectUri: 'http://127.0.0.1:3000/auth/callback',
        postLogoutRedirectUri: 'http://127.0.0.1:3000/',
        scope: 'openid profile email',
      },
    });
  });
});
