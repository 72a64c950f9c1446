import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const APP = fileURLToPath(new URL('../bin/app.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'shoestring-synth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the synth entry (bin/app.ts) with an invalid config', () => {
  it('prints the ConfigError message alone, no stack, and exits 1', () => {
    const config = join(dir, 'bad.config.ts');
    writeFileSync(
      config,
      `export default { stages: { dev: { account: '123456789012', region: 'us-east-1', bogusField: 1, services: { api: { modules: ['order'] } } } } };\n`,
    );
    const result = spawnSync(process.execPath, ['--import', 'tsx', APP], {
      env: { ...process.env, SHOESTRING_CONFIG: config, CDK_OUTDIR: join(dir, 'out') },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('shoestring.config.ts is invalid');
    expect(result.stderr).toContain('unknown module "order"');
    expect(result.stderr).not.toMatch(/^ {4}at /m);
  });
});
