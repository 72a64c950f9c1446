import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { LineChange } from '../../../src/cost/bill/diff.ts';

const BIN = new URL('../../../bin/shoestring.js', import.meta.url).pathname;

describe('shoestring cost --diff other.config.ts', () => {
  it('synthesizes the same stage from another config and prices the difference', {
    timeout: 300_000,
  }, async () => {
    // GIVEN a config that makes the dev database Multi-AZ and replaces the NAT instance with a NAT gateway
    const dir = mkdtempSync(path.join(tmpdir(), 'shoestring-cost-config-'));
    // a config outside the repository needs its own ESM marker, as the repository's package.json gives ours
    writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    const config = path.join(dir, 'other.config.ts');
    writeFileSync(
      config,
      `export default { stages: { dev: { database: { multiAz: true }, network: { buildEgress: 'nat-gateway' } } } };\n`,
    );

    // WHEN the real command prices dev and the other config's dev
    const args = [BIN, 'cost', '--cdk-out', path.join(dir, 'cdk.out'), '--diff', config, '--json'];
    const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
    const { diff } = JSON.parse(stdout) as { diff: { changes: LineChange[]; deltaUsd: number } };

    // THEN Multi-AZ doubles the database and the NAT gateway with its address replaces the NAT instance
    const change = (text: string) => diff.changes.find((c) => c.item.includes(text));
    expect(change('RDS PostgreSQL instance')).toMatchObject({ beforeUsd: 11.68, afterUsd: 23.36 });
    expect(change('RDS storage')).toMatchObject({ beforeUsd: 2.3, afterUsd: 4.6 });
    expect(change('NAT gateway x1')).toMatchObject({ beforeUsd: null, afterUsd: 32.85 });
    expect(change('NAT instance t4g.nano')).toMatchObject({ beforeUsd: 3.07, afterUsd: null });
    // +11.68 +2.30 +32.85 +3.65 (EIP) +0.23 (5 GB) -3.07 -3.65 -0.64 (NAT instance, its address, its volume)
    expect(diff.deltaUsd).toBe(43.35);
  });
});
