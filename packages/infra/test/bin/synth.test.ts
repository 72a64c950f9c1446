import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INFRA_DIR } from '../../src/paths.ts';

/** The environment of a machine with no AWS credentials at all. */
function withoutAws(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(env).filter(([name]) => !name.startsWith('AWS_') && !name.startsWith('CDK_')),
  );
  return {
    ...clean,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
  };
}

describe('cdk synth of the committed config (what npm run synth runs, see package.json)', () => {
  let outDir: string;
  let result: ReturnType<typeof spawnSync>;
  beforeAll(() => {
    // GIVEN no AWS credentials WHEN the CDK CLI synthesizes the app from cdk.json
    outDir = mkdtempSync(join(tmpdir(), 'shoestring-synth-'));
    result = spawnSync('npx', ['cdk', 'synth', '--quiet', '--no-validation', '--output', outDir], {
      cwd: INFRA_DIR,
      env: withoutAws(process.env),
      encoding: 'utf8',
      timeout: 120_000,
    });
  });
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('THEN it succeeds and writes one template per stage', () => {
    expect(result.status, String(result.stderr)).toBe(0);
    const templates = readdirSync(outDir).filter((file) => file.endsWith('.template.json'));
    expect(templates.sort()).toEqual(['shoestring-dev.template.json', 'shoestring-prod.template.json']);
  });

  it('THEN nothing was left to look up (no missing context, no placeholder AZs)', () => {
    const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'));
    expect(manifest.missing).toBeUndefined();
    expect(readFileSync(join(outDir, 'shoestring-dev.template.json'), 'utf8')).not.toContain('dummy1a');
  });
});
