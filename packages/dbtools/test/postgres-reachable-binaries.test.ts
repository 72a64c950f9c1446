import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DbToolsError } from '../src/index.ts';
import { resolveBinaries } from '../src/postgres-binaries.ts';
import { ensurePostgresOsUser, type OsUser } from '../src/postgres-os-user.ts';
import { reachableBinaries } from '../src/postgres-reachable-binaries.ts';

const scratch = mkdtempSync('/tmp/shoestring-reachable-');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function runAs(osUser: OsUser, command: string, args: string[]) {
  return spawnSync(command, args, {
    uid: osUser.uid,
    gid: osUser.gid,
    encoding: 'utf8',
    env: { LC_ALL: 'C' },
  });
}

describe('reachableBinaries', () => {
  it('leaves the binaries where they are when not running as root', async () => {
    const binaries = await resolveBinaries();
    expect(await reachableBinaries(binaries, undefined, join(scratch, 'unused'))).toBe(binaries);
  });

  // PostgreSQL refuses to run as root, so root runs it as the `postgres` account: only root can test that case.
  it.runIf(process.getuid?.() === 0)(
    'copies binaries under a private folder to a cache the postgres account can use, once',
    async () => {
      // GIVEN the real binaries inside a 0700 folder, as in a clone under /root
      const installed = await resolveBinaries();
      const privateDir = join(scratch, 'private');
      mkdirSync(privateDir, { mode: 0o700 });
      chmodSync(scratch, 0o755);
      cpSync(dirname(dirname(installed.postgres)), join(privateDir, 'native'), {
        recursive: true,
        verbatimSymlinks: true,
      });
      const binaries = {
        ...installed,
        postgres: join(privateDir, 'native', 'bin', 'postgres'),
        initdb: join(privateDir, 'native', 'bin', 'initdb'),
      };
      const osUser = (await ensurePostgresOsUser()) as OsUser;
      expect(runAs(osUser, binaries.initdb, ['--version']).error?.message).toMatch(/EACCES/);

      // WHEN they are made reachable
      const cache = join(scratch, 'cache');
      const reachable = await reachableBinaries(binaries, osUser, cache);

      // THEN the postgres account runs a real initdb with the copy (its libraries and share files come along)
      expect(reachable.initdb.startsWith(`${cache}/postgres-17-`)).toBe(true);
      const pgdata = join(scratch, 'pgdata');
      mkdirSync(pgdata, { mode: 0o700 });
      chownSync(pgdata, osUser.uid, osUser.gid);
      const initdb = runAs(osUser, reachable.initdb, ['-D', pgdata, '--auth=trust', '--no-instructions']);
      expect(initdb.status, `${initdb.error?.message ?? ''}${initdb.stderr}`).toBe(0);
      expect(runAs(osUser, reachable.postgres, ['--version']).stdout).toMatch(/\(PostgreSQL\) 17/);

      // AND the next start reuses the copy
      const copiedAt = statSync(reachable.postgres).mtimeMs;
      const again = await reachableBinaries(binaries, osUser, cache);
      expect(again).toEqual(reachable);
      expect(statSync(again.postgres).mtimeMs).toBe(copiedAt);

      // WHEN the cache itself is out of the account's reach
      const error = await reachableBinaries(binaries, osUser, join(privateDir, 'cache')).catch(
        (e: unknown) => e,
      );
      // THEN the message names the folder and the fix, not a spawn error
      expect(error).toBeInstanceOf(DbToolsError);
      expect((error as Error).message).toContain(`cannot enter ${privateDir}`);
      expect((error as Error).message).toContain(`chmod o+x ${privateDir}`);
    },
    180_000,
  );
});
