import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBill } from '../../src/cost/bill/build.ts';
import type { Bill } from '../../src/cost/bill/types.ts';
import { synthesizeConfig } from '../../src/cost/config-synth.ts';
import { usEast1 } from '../../src/cost/prices/us-east-1.ts';
import { readCloudAssembly } from '../../src/cost/template/read.ts';
import { TEST_USAGE } from './fixture.ts';

/** Synthesizes `dev` of a config holding `settings` and prices it with the us-east-1 table. */
async function billOfStage(settings: string): Promise<Bill> {
  const dir = mkdtempSync(path.join(tmpdir(), 'shoestring-cost-secrets-'));
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  const config = path.join(dir, 'shoestring.config.ts');
  writeFileSync(config, `export default { stages: { dev: ${settings} } };\n`);
  const outdir = path.join(dir, 'cdk.out');
  await synthesizeConfig(config, outdir, { stage: 'dev', log: () => {} });
  const resources = readCloudAssembly(outdir).flatMap((stack) => stack.resources);
  return buildBill({ resources, usage: TEST_USAGE, prices: usEast1, stage: 'dev' });
}

describe('shoestring cost with the Secrets Manager store (the rotation Lambda reaches Secrets Manager privately)', () => {
  let bill: Bill;
  beforeAll(async () => {
    bill = await billOfStage(`{ secrets: { store: 'secretsmanager', rotationDays: 30 } }`);
  }, 300_000);

  it('GIVEN rotation and the default NAT instance WHEN priced THEN the Secrets Manager endpoint is a fixed line of one AZ-hour rate x 730 h', () => {
    const line = bill.lines.find((l) => l.item.startsWith('Interface endpoint secretsmanager'));
    expect(line).toMatchObject({ item: 'Interface endpoint secretsmanager x 1 AZ', kind: 'fixed' });
    expect(line?.usd).toBeCloseTo(usEast1.interfaceEndpointAzHour.usd * usEast1.hoursPerMonth, 2);
    expect(line?.usd).toBe(7.3);
  });
});
