import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import {
  bundleBudget,
  checkBudgets,
  firstLoadFiles,
  formatReport,
  measureChunks,
} from '../../build/bundle-budget.ts';

const webRoot = fileURLToPath(new URL('../..', import.meta.url));

describe('bundle budget', () => {
  const sizes = [
    { name: 'vendor', fileName: 'assets/vendor-abc.js', bytes: 200_000, gzipBytes: 65_000 },
    { name: 'index', fileName: 'assets/index-def.js', bytes: 20_000, gzipBytes: 7_000 },
  ].map((size) => ({ ...size, firstLoad: true }));

  it('measures gzipped size smaller than raw size for real code', () => {
    const code = 'export function add(a, b) { return a + b; }\n'.repeat(200);
    const [size] = measureChunks([{ name: 'index', fileName: 'index.js', code }]);
    expect(size?.bytes).toBe(code.length);
    expect(size?.gzipBytes).toBeGreaterThan(0);
    expect(size?.gzipBytes).toBeLessThan(code.length / 10);
  });

  it('adds up only the chunks a budget includes and flags the one over its limit', () => {
    const results = checkBudgets(sizes, [
      { label: 'app code', maxGzipBytes: 60_000, includes: (c) => c.name !== 'vendor' },
      { label: 'all JavaScript', maxGzipBytes: 70_000 },
    ]);
    expect(results).toEqual([
      { label: 'app code', gzipBytes: 7_000, maxGzipBytes: 60_000, over: false },
      { label: 'all JavaScript', gzipBytes: 72_000, maxGzipBytes: 70_000, over: true },
    ]);
  });

  it('counts the entries and what they import statically as the first load, not what they import lazily', () => {
    const loaded = firstLoadFiles([
      { fileName: 'index.js', isEntry: true, imports: ['vendor.js'] },
      { fileName: 'vendor.js', isEntry: false, imports: ['shared.js'] },
      { fileName: 'shared.js', isEntry: false, imports: [] },
      { fileName: 'editor.js', isEntry: false, imports: ['shared.js'] },
    ]);
    expect([...loaded].sort()).toEqual(['index.js', 'shared.js', 'vendor.js']);
  });

  it('prints every chunk and every budget with its verdict', () => {
    const report = formatReport(
      sizes,
      checkBudgets(sizes, [{ label: 'all JavaScript', maxGzipBytes: 70_000 }]),
    );
    expect(report).toContain('assets/vendor-abc.js');
    expect(report).toMatch(/assets\/index-def\.js\s+7\.0 kB\s+\(20\.0 kB raw\)/);
    expect(report).toMatch(/all JavaScript\s+72\.0 kB\s+of 70\.0 kB\s+OVER BUDGET/);
  });

  it('fails a real Vite build of the site that is over budget, naming the budget', async () => {
    const failing = build({
      root: webRoot,
      configFile: false,
      logLevel: 'silent',
      plugins: [bundleBudget([{ label: 'tiny test budget', maxGzipBytes: 1_000 }])],
      build: { write: false },
    });
    await expect(failing).rejects.toThrow(
      /JavaScript over budget: tiny test budget is [\d.]+ kB \(budget 1\.0 kB\)/,
    );
  });
});
