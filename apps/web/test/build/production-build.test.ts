import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const webRoot = fileURLToPath(new URL('../..', import.meta.url));
const viteBin = fileURLToPath(new URL('bin/vite.js', import.meta.resolve('vite/package.json')));
const outDirs: string[] = [];

/** Runs `vite build` exactly like `npm run build` does, into `outDir` (a fresh folder unless given). */
async function buildSite(env: Record<string, string> = {}, outDir = freshOutDir()) {
  // Vitest sets NODE_ENV=test; a shell running `npm run build` normally has none.
  const { NODE_ENV: _, ...parentEnv } = process.env;
  const { stdout } = await promisify(execFile)(process.execPath, [viteBin, 'build', '--outDir', outDir], {
    cwd: webRoot,
    env: { ...parentEnv, VITE_API_BASE: '', WEB_SOURCEMAP: '', ...env },
  });
  return { stdout, ...readSite(outDir) };
}

function freshOutDir(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'shoestring-web-build-'));
  outDirs.push(outDir);
  return outDir;
}

function readSite(outDir: string) {
  const assets = readdirSync(join(outDir, 'assets'));
  const js = assets
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(outDir, 'assets', f), 'utf8'));
  return { outDir, assets, js: js.join('\n'), html: readFileSync(join(outDir, 'index.html'), 'utf8') };
}

afterAll(() => {
  for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
});

describe('production build', () => {
  it('emits content-hashed assets, no source maps, the /api base, and prints the gzipped sizes', async () => {
    const site = await buildSite();
    expect(site.assets.length).toBeGreaterThanOrEqual(3);
    for (const file of site.assets) expect(file).toMatch(/^[\w-]+-[\w-]{8}\.(js|css)$/);
    expect(site.assets.some((f) => f.endsWith('.map'))).toBe(false);
    expect(site.js).not.toContain('sourceMappingURL');
    // The page links everything but what loads on demand: sign-in and the admin's editor (ADR 0052).
    const onDemand = (file: string) => /^(oidc-client-ts|catalog-editor)-/.test(file);
    expect(site.assets.filter(onDemand)).toHaveLength(2);
    for (const file of site.assets) {
      if (onDemand(file)) expect(site.html).not.toContain(file);
      else expect(site.html).toContain(`/assets/${file}`);
    }
    expect(site.js).toContain('"/api"');
    expect(site.stdout).toContain('JavaScript size (gzipped):');
    expect(site.stdout).toMatch(/app code\s+[\d.]+ kB\s+of 60\.0 kB\s+ok/);
    expect(site.stdout).toMatch(/first load\s+[\d.]+ kB\s+of 80\.0 kB\s+ok/);
    expect(site.stdout).toMatch(/on demand\s+[\d.]+ kB\s+of 40\.0 kB\s+ok/);
  });

  it('bakes in VITE_API_BASE, writes hidden source maps only when asked, and ignores NODE_ENV=test', async () => {
    const site = await buildSite({
      VITE_API_BASE: 'https://api.shop.example',
      WEB_SOURCEMAP: 'hidden',
      NODE_ENV: 'test',
    });
    expect(site.js).toContain('https://api.shop.example');
    // React's development build would be about twice the size and over budget.
    expect(site.stdout).toMatch(/first load\s+[\d.]+ kB\s+of 80\.0 kB\s+ok/);
    expect(site.js).not.toContain('Download the React DevTools');
    expect(site.assets.filter((f) => f.endsWith('.js.map')).length).toBeGreaterThan(0);
    expect(site.js).not.toContain('sourceMappingURL');
  });

  it('replaces old hashed files only after writing, so a failed build leaves the last good site in place', async () => {
    const good = await buildSite();
    writeFileSync(join(good.outDir, 'assets', 'index-0ldBu1ld.js'), 'stale');

    // React's development build is far over budget: this build fails after Vite has started writing output.
    const failing = buildSite({ NODE_ENV: 'development' }, good.outDir);
    await expect(failing).rejects.toThrow(/JavaScript over budget/);
    const afterFailure = readSite(good.outDir);
    expect(afterFailure.html).toBe(good.html);
    expect(afterFailure.assets.sort()).toEqual([...good.assets, 'index-0ldBu1ld.js'].sort());

    const rebuilt = await buildSite({}, good.outDir);
    expect(rebuilt.assets.sort()).toEqual([...good.assets].sort());
    expect(rebuilt.html).toBe(good.html);
  });
});
