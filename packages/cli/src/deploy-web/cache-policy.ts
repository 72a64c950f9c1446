import { readFile } from 'node:fs/promises';
import path from 'node:path';

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
 * Whether a file's name looks like it carries a content hash. Only a heuristic: the deploy and the local gateway
 * decide with {@link CachePolicy} (the bundler's own output) instead.
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

/** Where Vite writes its build manifest (with `build.manifest: true`), relative to the build folder. */
export const VITE_MANIFEST_KEY = '.vite/manifest.json';
/** The folder Vite writes its bundled, content-hashed output to. */
const ASSETS_FOLDER = 'assets/';

/** Whether a key is bundler bookkeeping that must never be uploaded (Vite's `.vite/` folder). */
export function isBuildMetadata(key: string): boolean {
  return key === '.vite' || key.startsWith('.vite/');
}

interface ViteManifestChunk {
  file?: string;
  css?: string[];
  assets?: string[];
}

/**
 * Which files of one build are immutable, decided from the bundler's output rather than the look of a name:
 * every `file`, `css` and `assets` entry of Vite's manifest is content-hashed; without a manifest, every file
 * under `assets/` (Vite's output folder). Everything else (index.html, robots.txt, public/ files) is no-cache.
 */
export class CachePolicy {
  private constructor(private readonly hashed: ReadonlySet<string> | undefined) {}

  /** Reads `.vite/manifest.json` under the build folder once; no manifest means the `assets/` fallback. */
  static async fromBuild(dir: string): Promise<CachePolicy> {
    let text: string;
    try {
      text = await readFile(path.join(dir, VITE_MANIFEST_KEY), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new CachePolicy(undefined);
      throw error;
    }
    return CachePolicy.fromManifest(JSON.parse(text) as Record<string, ViteManifestChunk>);
  }

  static fromManifest(manifest: Record<string, ViteManifestChunk>): CachePolicy {
    const hashed = new Set<string>();
    for (const chunk of Object.values(manifest)) {
      for (const file of [chunk.file, ...(chunk.css ?? []), ...(chunk.assets ?? [])]) {
        if (file) hashed.add(file.replace(/^\/+/, ''));
      }
    }
    return new CachePolicy(hashed);
  }

  /** The `assets/` fallback, as when the build has no manifest. */
  static assetsFolder(): CachePolicy {
    return new CachePolicy(undefined);
  }

  /** Whether the file (a key relative to the build folder; a leading `/` is ignored) is content-hashed. */
  isImmutable(key: string): boolean {
    const relative = key.replace(/^\/+/, '');
    if (this.hashed) {
      // A source map shares its file's hash.
      return (
        this.hashed.has(relative) || (relative.endsWith('.map') && this.hashed.has(relative.slice(0, -4)))
      );
    }
    return relative.startsWith(ASSETS_FOLDER);
  }

  cacheControlFor(key: string): string {
    return this.isImmutable(key) ? IMMUTABLE_CACHE_CONTROL : REVALIDATE_CACHE_CONTROL;
  }
}
