import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCloudAssemblyDir, isStale } from '../../src/cost/synth.ts';

/** A repository with an infra package whose cdk.json watches `src/**` and `observability/**`. */
function repository() {
  const root = mkdtempSync(path.join(tmpdir(), 'shoestring-cost-synth-'));
  const infra = path.join(root, 'packages', 'infra');
  for (const dir of ['src', 'observability', 'out']) mkdirSync(path.join(infra, dir), { recursive: true });
  writeFileSync(
    path.join(infra, 'cdk.json'),
    JSON.stringify({ output: 'out', watch: { include: ['src/**', 'observability/**'] } }),
  );
  const touch = (file: string, seconds: number) => {
    writeFileSync(path.join(infra, file), '{}');
    utimesSync(path.join(infra, file), seconds, seconds);
  };
  return { root, infra, touch };
}

describe('isStale', () => {
  it('reads the output folder from cdk.json', () => {
    const { root, infra } = repository();
    expect(defaultCloudAssemblyDir(root)).toBe(path.join(infra, 'out'));
  });

  it('is stale without a manifest, fresh after the inputs, stale again when a watched file changes', () => {
    const { root, infra, touch } = repository();
    const out = path.join(infra, 'out');
    touch('src/app.ts', 1_000);
    expect(isStale(out, root)).toBe(true);
    touch('out/manifest.json', 2_000);
    expect(isStale(out, root)).toBe(false);
    touch('observability/collector.yaml', 3_000);
    expect(isStale(out, root)).toBe(true);
  });
});
