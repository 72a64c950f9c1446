import { createHash } from 'node:crypto';
import path from 'node:path';
import { SITE_CONFIG_PATH, type SiteConfig, siteConfigFor } from '@shoestring/contract';
import { CliError } from '../cli-error.ts';
import { REVALIDATE_CACHE_CONTROL } from './cache-policy.ts';
import { contentTypeFor } from './content-type.ts';
import { compareKeys, type LocalFile } from './local-files.ts';
import type { RemoteObject } from './plan.ts';

/** The bucket key of the site's runtime configuration (`/config.json`). */
export const SITE_CONFIG_KEY = SITE_CONFIG_PATH.replace(/^\//, '');

/** The stage's sign-in settings as the runtime stack publishes them (`auth/issuer`, `auth/client-id`, ...). */
export interface SignInFlags {
  /** `--site-url`: the site's origin, where the provider sends people back (`site/url`). */
  siteUrl?: string;
  /** `--auth-issuer` (`auth/issuer`). */
  issuer?: string;
  /** `--auth-client-id` (`auth/client-id`). */
  clientId?: string;
  /** `--auth-hosted-ui-url` (`auth/hosted-ui-url`): Cognito's managed login, whose `/logout` signs out. */
  hostedUiUrl?: string;
}

/**
 * The site's `/config.json` from the stage's sign-in settings, in the shape the site reads (`siteConfigFor`);
 * undefined when none is given. Issuer, client id and site URL go together: half a configuration is an error.
 */
export function siteConfigFromFlags(flags: SignInFlags): SiteConfig | undefined {
  const given = Object.entries(flags).filter(([, value]) => value !== undefined);
  if (given.length === 0) return undefined;
  const { siteUrl, issuer, clientId, hostedUiUrl } = flags;
  if (!siteUrl || !issuer || !clientId) {
    throw new CliError(
      '--site-url, --auth-issuer and --auth-client-id go together (the SSM parameters site/url, auth/issuer and ' +
        'auth/client-id of the stage); --auth-hosted-ui-url is optional.',
    );
  }
  return siteConfigFor(httpsOrigin('--site-url', siteUrl), {
    authority: httpsUrl('--auth-issuer', issuer),
    clientId,
    ...(hostedUiUrl ? { logoutEndpoint: `${httpsUrl('--auth-hosted-ui-url', hostedUiUrl)}/logout` } : {}),
  });
}

/**
 * `config.json` as one more file of the build, written from the settings instead of read from disk: always
 * `no-cache` (it changes per stage without a new bundle), uploaded with the other stable-named files and, when it
 * changed, invalidated with them.
 */
export function siteConfigFile(config: SiteConfig, dir: string): LocalFile {
  const content = Buffer.from(`${JSON.stringify(config, null, 2)}\n`);
  return {
    key: SITE_CONFIG_KEY,
    absolutePath: path.join(dir, SITE_CONFIG_KEY),
    content,
    md5: createHash('md5').update(content).digest('hex'),
    size: content.length,
    contentType: contentTypeFor(SITE_CONFIG_KEY),
    cacheControl: REVALIDATE_CACHE_CONTROL,
    kind: 'other',
  };
}

function httpsUrl(flag: string, text: string): string {
  const url = URL.parse(text);
  if (url?.protocol !== 'https:') throw new CliError(`${flag} "${text}" is not an https URL.`);
  return text.replace(/\/+$/, '');
}

function httpsOrigin(flag: string, text: string): string {
  return new URL(httpsUrl(flag, text)).origin;
}

/**
 * What the deploy works on, given the stage's settings. `config.json` belongs to the stage, never to the build
 * (a build's own copy is left out): with the settings it is written from them; without, the bucket's copy is
 * neither replaced nor retired (a deploy without the flags must not sign the site out 48 hours later).
 */
export function withSiteConfig(
  build: LocalFile[],
  remote: ReadonlyMap<string, RemoteObject>,
  config: SiteConfig | undefined,
  dir: string,
): { files: LocalFile[]; remote: ReadonlyMap<string, RemoteObject>; note: string } {
  if (config) {
    const { authority, clientId, redirectUri } = config.auth;
    return {
      files: [...build.filter((file) => file.key !== SITE_CONFIG_KEY), siteConfigFile(config, dir)].sort(
        (a, b) => compareKeys(a.key, b.key),
      ),
      remote,
      note: `${SITE_CONFIG_KEY}: sign-in with ${authority} (client ${clientId}), back to ${redirectUri}`,
    };
  }
  return {
    files: build.filter((file) => file.key !== SITE_CONFIG_KEY),
    remote: new Map([...remote].filter(([key]) => key !== SITE_CONFIG_KEY)),
    note: `${SITE_CONFIG_KEY}: no sign-in settings given (--auth-issuer ...), the bucket's copy is left as it is`,
  };
}
