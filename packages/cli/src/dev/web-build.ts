import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runProcess } from '@shoestring/dbtools';
import { CliError } from '../cli-error.ts';

export interface WebBuildResult {
  siteDir: string;
  /** False when the previous build was still current. */
  built: boolean;
}

/** Inputs whose change makes a new site build necessary. */
const INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'];

/**
 * Builds apps/web with its own `npm run build` unless the inputs are unchanged since the last build
 * (so the build output stays exactly what deploy-web uploads). A checkout without a site gets a placeholder page,
 * so the gateway still has something to serve.
 * The fingerprint belongs to `apps/web/dist`, which every local system of this checkout serves, so it is kept in
 * the checkout (`.shoestring/web-build.fingerprint`), not in one system's data folder: a second system with a new
 * data folder must not rebuild (and so empty) the folder a running one serves. Builds of one checkout take turns.
 */
export async function ensureWebBuild(
  repoRoot: string,
  dataDir: string,
  signal: AbortSignal,
): Promise<WebBuildResult> {
  const webDir = join(repoRoot, 'apps', 'web');
  const siteDir = join(webDir, 'dist');
  if (!existsSync(join(webDir, 'index.html')))
    return { siteDir: await writePlaceholder(dataDir), built: false };

  const stampFile = webBuildFingerprintFile(repoRoot);
  await mkdir(dirname(stampFile), { recursive: true });
  return withBuildLock(`${stampFile}.lock`, signal, async () => {
    const fingerprint = await fingerprintOf(webDir);
    const previous = await readFile(stampFile, 'utf8').catch(() => '');
    if (previous === fingerprint && existsSync(join(siteDir, 'index.html'))) return { siteDir, built: false };
    await rm(stampFile, { force: true });
    await runBuild(repoRoot, signal);
    await writeFile(stampFile, fingerprint);
    return { siteDir, built: true };
  });
}

/** Where the fingerprint of `apps/web/dist` is kept: removing it makes the next start build the site. */
export function webBuildFingerprintFile(repoRoot: string): string {
  return join(repoRoot, '.shoestring', 'web-build.fingerprint');
}

/** A build that has held the lock this long is taken to have died without removing it. */
const STALE_LOCK_MS = 5 * 60_000;

/**
 * Runs `work` while holding a lock directory (mkdir is atomic) that names its process, waiting while another
 * process builds. A lock whose process is gone (killed during its build) or that is older than STALE_LOCK_MS is
 * taken over.
 */
async function withBuildLock<T>(lock: string, signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  for (;;) {
    signal.throwIfAborted();
    try {
      await mkdir(lock);
      await writeFile(join(lock, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await isStale(lock)) await rm(lock, { recursive: true, force: true });
      else await sleep(200, undefined, { signal });
    }
  }
  try {
    return await work();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function isStale(lock: string): Promise<boolean> {
  const age = await stat(lock).then(
    (info) => Date.now() - info.mtimeMs,
    () => 0,
  );
  if (age > STALE_LOCK_MS) return true;
  const pid = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => ''));
  // No pid yet: its owner is between mkdir and writeFile; give it a moment.
  if (!Number.isInteger(pid) || pid <= 0) return age > 5_000;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function fingerprintOf(webDir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of await listFiles(join(webDir, input))) {
      hash.update(relative(webDir, file));
      hash.update(await readFile(file));
    }
  }
  return hash.digest('hex');
}

async function listFiles(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return [];
  if (info.isFile()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  const nested = await Promise.all(
    entries.sort((a, b) => a.name.localeCompare(b.name)).map((e) => listFiles(join(path, e.name))),
  );
  return nested.flat();
}

async function runBuild(repoRoot: string, signal: AbortSignal): Promise<void> {
  const { code, output } = await runProcess('npm', ['run', 'build', '--silent', '-w', '@shoestring/web'], {
    cwd: repoRoot,
    // A NODE_ENV inherited from a test runner would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
    signal,
  }).catch((error: Error) => {
    throw signal.aborted ? error : new CliError(`Could not run the site build: ${error.message}`);
  });
  if (code !== 0) {
    throw new CliError(`The site build failed (npm run build -w @shoestring/web):
${output.trim()}`);
  }
}

async function writePlaceholder(dataDir: string): Promise<string> {
  const dir = join(dataDir, 'placeholder-site');
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shoestring</title></head>' +
      '<body><h1>Shoestring</h1><p>The site (apps/web) has not been built yet.</p></body></html>\n',
  );
  return dir;
}
