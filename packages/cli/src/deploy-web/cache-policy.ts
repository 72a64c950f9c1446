/** Cache-Control for files whose name changes whenever their content does: cache them for a year. */
export const IMMUTABLE_CACHE_CONTROL = 'public,max-age=31536000,immutable';
/** Cache-Control for HTML and other files whose name stays the same across deploys: always revalidate. */
export const REVALIDATE_CACHE_CONTROL = 'no-cache';

/**
 * A content hash right before the extension, as bundlers write it: Vite/Rollup's eight base64url characters
 * (`index-Bc-3fG7h.js`, the hash itself may hold `-`), or a longer hash without dashes (webpack's
 * `main.3f9a1c2e5d.css`). A source map (`index-Bc-3fG7h.js.map`) shares its script's hash.
 */
const HASH_BEFORE_EXTENSION = /[.-]([A-Za-z0-9_-]{8}|[A-Za-z0-9_]{9,})\.[A-Za-z0-9]+(\.map)?$/;
/** Image sizes such as `icon-1024x1024.png` look like hashes but are stable names. */
const DIMENSIONS = /^\d+x\d+$/;

/**
 * Whether a file's name carries a content hash, so it can be cached forever.
 * The segment must mix letters and digits: a word such as `-background.png` is a stable name, and treating a
 * stable name as immutable would pin stale content in browsers for a year. A hash that happens to hold no digit
 * is merely served with `no-cache`, which costs a revalidation and nothing else.
 */
export function isHashedAsset(key: string): boolean {
  const base = key.slice(key.lastIndexOf('/') + 1);
  const segment = HASH_BEFORE_EXTENSION.exec(base)?.[1];
  if (!segment || DIMENSIONS.test(segment)) return false;
  return /\d/.test(segment) && /[A-Za-z]/.test(segment);
}

/** Whether a key is a page: uploaded last, so no visitor loads HTML that points at assets not yet uploaded. */
export function isHtml(key: string): boolean {
  return /\.html?$/i.test(key);
}

export function cacheControlFor(key: string): string {
  return isHashedAsset(key) ? IMMUTABLE_CACHE_CONTROL : REVALIDATE_CACHE_CONTROL;
}
