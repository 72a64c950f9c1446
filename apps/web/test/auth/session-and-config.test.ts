import { ADMIN_GROUP, SITE_CONFIG_PATH, siteConfigFor } from '@shoestring/contract';
import { describe, expect, it } from 'vitest';
import { sessionFromAccessToken } from '../../src/auth/session.ts';
import { loadSiteConfig } from '../../src/auth/site-config.ts';
import { tokenFor } from '../support/fake-api.ts';

describe('sessionFromAccessToken', () => {
  it('names the user and sees the admin group, keeping the token as it came', () => {
    const token = tokenFor({ username: 'admin', 'cognito:groups': [ADMIN_GROUP, 'other'] });
    expect(sessionFromAccessToken(token)).toEqual({ accessToken: token, username: 'admin', isAdmin: true });
  });

  it('treats a token without groups as a shopper, and an unreadable one as nobody in particular', () => {
    expect(sessionFromAccessToken(tokenFor({ username: 'alice' })).isAdmin).toBe(false);
    expect(sessionFromAccessToken('not-a-jwt')).toEqual({
      accessToken: 'not-a-jwt',
      username: 'signed in',
      isAdmin: false,
    });
  });
});

describe('loadSiteConfig', () => {
  const config = siteConfigFor('https://shop.example', { authority: 'https://id.example', clientId: 'site' });

  it('reads the runtime /config.json', async () => {
    const asked: string[] = [];
    const loaded = await loadSiteConfig(async (url) => {
      asked.push(String(url));
      return Response.json(config);
    });
    expect(asked).toEqual([SITE_CONFIG_PATH]);
    expect(loaded).toEqual(config);
  });

  it('gives null for a missing, broken or unreachable config, so the catalog still works', async () => {
    expect(await loadSiteConfig(async () => new Response('no', { status: 404 }))).toBeNull();
    expect(await loadSiteConfig(async () => Response.json({ auth: {} }))).toBeNull();
    expect(await loadSiteConfig(async () => new Response('<html>'))).toBeNull();
    expect(
      await loadSiteConfig(async () => {
        throw new TypeError('Failed to fetch');
      }),
    ).toBeNull();
  });
});
