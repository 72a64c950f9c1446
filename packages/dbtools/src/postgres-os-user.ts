import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The unprivileged account PostgreSQL runs as when we are root (PostgreSQL refuses to run as root). */
export interface OsUser {
  uid: number;
  gid: number;
}

const ACCOUNT = 'postgres';

/** Undefined when not root; otherwise the `postgres` account, created when the machine has none. */
export async function ensurePostgresOsUser(): Promise<OsUser | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const existing = lookup();
  if (existing) return existing;
  execFileSync('groupadd', ['--system', ACCOUNT], { stdio: 'ignore' });
  execFileSync('useradd', ['--system', '--gid', ACCOUNT, '--no-create-home', ACCOUNT], { stdio: 'ignore' });
  const created = lookup();
  if (!created)
    throw new Error(`Could not create the "${ACCOUNT}" account PostgreSQL runs as when started by root.`);
  return created;
}

function lookup(): OsUser | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', ACCOUNT], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', ACCOUNT], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/**
 * The data folder PostgreSQL can use. Running as root, the `postgres` account must be able to enter every folder
 * above the data folder; a checkout under a private home (/root is 0700) does not allow that, so the cluster then
 * lives under /tmp, in a folder named after the requested one so that the next start finds it again.
 */
export function reachableDataDir(requested: string, osUser: OsUser | undefined): string {
  if (!osUser || ancestorsTraversable(dirname(requested), osUser)) return requested;
  const key = createHash('sha256').update(requested).digest('hex').slice(0, 12);
  return join('/tmp', `shoestring-pgdata-${key}`);
}

/** True when `osUser` may enter `dir` and every folder above it. */
export function ancestorsTraversable(dir: string, osUser: OsUser): boolean {
  for (let current = dir; ; current = dirname(current)) {
    let mode: number;
    let owner: number;
    let group: number;
    try {
      ({ mode, uid: owner, gid: group } = statSync(current));
    } catch {
      return false;
    }
    const canEnter =
      (owner === osUser.uid && mode & 0o100) || (group === osUser.gid && mode & 0o010) || mode & 0o001;
    if (!canEnter) return false;
    if (current === dirname(current)) return true;
  }
}
