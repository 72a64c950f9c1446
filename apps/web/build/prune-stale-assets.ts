import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Replaces Vite's `emptyOutDir`, which deletes the whole output folder before writing: while it is empty a
 * server reading `dist` (the `shoestring dev` gateway, a second build running at the same time) answers 404s,
 * and a build that fails halfway leaves no site at all. Here the new files are written over the old ones
 * (content-hashed names mean unchanged files are rewritten identically) and only then are the hashed files of
 * earlier builds removed from `assets/`.
 */
export function pruneStaleAssets(assetsDir = 'assets'): Plugin {
  return {
    name: 'shoestring:prune-stale-assets',
    apply: 'build',
    async writeBundle(options, bundle) {
      if (!options.dir) return;
      const folder = join(options.dir, assetsDir);
      const entries = await readdir(folder).catch(() => [] as string[]);
      const stale = entries.filter((name) => !(`${assetsDir}/${name}` in bundle));
      await Promise.all(stale.map((name) => rm(join(folder, name), { force: true })));
    },
  };
}
