import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureWebBuild, webBuildFingerprintFile } from '../../src/dev/web-build.ts';

/**
 * A checkout with an `@shoestring/web` workspace whose build takes a moment, writes dist/index.html and counts its
 * runs in builds.log: real npm, real processes.
 */
function checkout(): { root: string; builds: () => number } {
  const root = mkdtempSync('/tmp/shoestring-web-build-');
  const web = join(root, 'apps', 'web');
  mkdirSync(join(web, 'src'), { recursive: true });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ private: true, workspaces: ['apps/web'] }));
  const build =
    "require('fs').appendFileSync('../../builds.log','x');" +
    "setTimeout(()=>{require('fs').mkdirSync('dist',{recursive:true});require('fs').writeFileSync('dist/index.html','<p>site</p>')},300)";
  writeFileSync(
    join(web, 'package.json'),
    JSON.stringify({ name: '@shoestring/web', private: true, scripts: { build: `node -e "${build}"` } }),
  );
  writeFileSync(join(web, 'index.html'), '<!doctype html>');
  writeFileSync(join(web, 'src', 'main.ts'), 'export {};');
  const log = join(root, 'builds.log');
  return { root, builds: () => (existsSync(log) ? readFileSync(log, 'utf8').length : 0) };
}

const dataDir = () => mkdtempSync('/tmp/shoestring-web-build-data-');
const never = new AbortController().signal;

describe('ensureWebBuild', () => {
  it('builds once for systems started side by side with their own data folders, and again when a source changes', async () => {
    const { root, builds } = checkout();
    const [first, second] = await Promise.all([
      ensureWebBuild(root, dataDir(), never),
      ensureWebBuild(root, dataDir(), never),
    ]);
    expect(builds()).toBe(1);
    expect([first.built, second.built].sort()).toEqual([false, true]);
    expect(readFileSync(join(first.siteDir, 'index.html'), 'utf8')).toBe('<p>site</p>');

    expect((await ensureWebBuild(root, dataDir(), never)).built).toBe(false);
    writeFileSync(join(root, 'apps', 'web', 'src', 'main.ts'), 'export const changed = true;');
    expect((await ensureWebBuild(root, dataDir(), never)).built).toBe(true);
    expect(builds()).toBe(2);
  });

  it('takes over the lock of a build whose process is gone', async () => {
    const { root, builds } = checkout();
    const lock = `${webBuildFingerprintFile(root)}.lock`;
    mkdirSync(lock, { recursive: true });
    // A pid that cannot be running: above the kernel's pid_max.
    writeFileSync(join(lock, 'pid'), String(2 ** 22 + 1));
    expect((await ensureWebBuild(root, dataDir(), never)).built).toBe(true);
    expect(builds()).toBe(1);
    expect(existsSync(lock)).toBe(false);
  });
});
