import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DbToolsError } from './db-tools-error.ts';
import type { PostgresBinaries } from './postgres-binaries.ts';
import { ancestorsTraversable, type OsUser } from './postgres-os-user.ts';

/** Root-owned and readable by every account; survives reboots, unlike /tmp, and no other user can plant files in it. */
export const BINARY_CACHE = '/var/cache/shoestring';
const COMPLETE = '.complete';

/**
 * Binaries the `postgres` account can run. Started by root from a clone under a private folder (/root is 0700), that
 * account cannot reach node_modules, so root copies the platform package's `native/` folder (bin, lib, share:
 * PostgreSQL finds its libraries and share files relative to its binaries) once into `cacheRoot` and runs the copy.
 */
export async function reachableBinaries(
  binaries: PostgresBinaries,
  osUser: OsUser | undefined,
  cacheRoot = BINARY_CACHE,
): Promise<PostgresBinaries> {
  if (!osUser || ancestorsTraversable(dirname(binaries.postgres), osUser)) return binaries;
  const nativeDir = dirname(dirname(binaries.postgres));
  const { size, mtimeMs } = statSync(binaries.postgres);
  const key = createHash('sha256').update(`${nativeDir}\n${size}\n${mtimeMs}`).digest('hex').slice(0, 12);
  const copy = join(cacheRoot, `postgres-${binaries.majorVersion}-${key}`);
  try {
    if (!existsSync(join(copy, COMPLETE))) await copyNative(nativeDir, copy, cacheRoot);
  } catch (error) {
    throw unreachable(nativeDir, `copying them to ${cacheRoot} failed (${(error as Error).message})`);
  }
  if (!ancestorsTraversable(join(copy, 'bin'), osUser)) {
    throw unreachable(nativeDir, `the account cannot enter ${cacheRoot} either`);
  }
  return { ...binaries, postgres: join(copy, 'bin', 'postgres'), initdb: join(copy, 'bin', 'initdb') };
}

/** Copies into a staging folder first, so that an interrupted copy is never taken for a complete one. */
async function copyNative(nativeDir: string, copy: string, cacheRoot: string): Promise<void> {
  await mkdir(cacheRoot, { recursive: true, mode: 0o755 });
  const staging = await mkdtemp(join(cacheRoot, '.staging-'));
  try {
    await cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
    await chmod(staging, 0o755);
    await writeFile(join(staging, COMPLETE), '');
    await rm(copy, { recursive: true, force: true });
    await rename(staging, copy);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

function unreachable(nativeDir: string, why: string): DbToolsError {
  const blocking = firstPrivateAncestor(nativeDir);
  return new DbToolsError(
    `PostgreSQL runs as the "postgres" account when started by root, and that account cannot enter ${blocking}; ` +
      `${why}. Clone the repository into a folder every account can enter (e.g. /srv or /opt), ` +
      `or allow entering it with \`chmod o+x ${blocking}\`.`,
    'PG_START_FAILED',
    { folder: blocking },
  );
}

function firstPrivateAncestor(dir: string): string {
  const chain: string[] = [];
  for (let current = dir; current !== dirname(current); current = dirname(current)) chain.unshift(current);
  return chain.find((folder) => (statSync(folder).mode & 0o001) === 0) ?? dir;
}
