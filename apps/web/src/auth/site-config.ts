import { SITE_CONFIG_PATH, type SiteConfig } from '@shoestring/contract';

/**
 * The runtime settings the deploy writes next to the site (never baked into the bundle, so one build serves
 * every stage). Null when the site has none: the shop still browses, it just cannot sign anyone in.
 */
export async function loadSiteConfig(
  fetchImpl: typeof fetch = (...a) => fetch(...a),
): Promise<SiteConfig | null> {
  try {
    const response = await fetchImpl(SITE_CONFIG_PATH, { headers: { Accept: 'application/json' } });
    if (!response.ok) return null;
    const config = (await response.json()) as SiteConfig;
    return typeof config?.auth?.authority === 'string' && typeof config.auth.clientId === 'string'
      ? config
      : null;
  } catch {
    return null;
  }
}
