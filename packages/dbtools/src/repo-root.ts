import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The repository root: the nearest folder above this file whose package.json declares workspaces. */
export function repoRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (dir !== dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && 'workspaces' in JSON.parse(readFileSync(manifest, 'utf8'))) {
      cached = dir;
      return dir;
    }
    dir = dirname(dir);
  }
  throw new Error(
    'Could not find the repository root (a package.json with "workspaces") above @shoestring/dbtools.',
  );
}
