import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addStage, createApp, resolveStage } from '@shoestring/infra';
import { describe, expect, it } from 'vitest';
import { buildBill } from '../../../src/cost/bill/build.ts';
import { usEast1 } from '../../../src/cost/prices/us-east-1.ts';
import { stacksOfStage } from '../../../src/cost/source.ts';
import { readCloudAssembly } from '../../../src/cost/template/read.ts';
import { resolveUsage } from '../../../src/cost/usage.ts';

const CONNECTION =
  'arn:aws:codeconnections:us-east-1:123456789012:connection/00000000-0000-0000-0000-000000000000';

/** The dev stage with a git connection, so the site and backend pipelines are synthesized too. */
function synthesizeWithPipelines(): string {
  const outdir = path.join(mkdtempSync(path.join(tmpdir(), 'shoestring-cost-pipelines-')), 'cdk.out');
  const app = createApp({ outdir, context: { 'aws:cdk:enable-path-metadata': true } });
  const config = resolveStage({ shared: { pipeline: { connectionArn: CONNECTION } } }, 'dev', {});
  addStage(app, config, {});
  app.synth();
  return outdir;
}

describe('the bill of the dev stage with its pipelines', () => {
  it('prices the pipeline stack and runs the NAT instance only during migrations', {
    timeout: 240_000,
  }, () => {
    const dir = synthesizeWithPipelines();
    const stacks = stacksOfStage(readCloudAssembly(dir), 'dev', dir);
    expect(stacks.map((s) => s.name).sort()).toEqual(['shoestring-dev', 'shoestring-dev-pipelines']);

    // The config's own usage defaults: 20 deploys x 6 build minutes, split over 3 projects = 2 minutes each.
    const usage = resolveUsage([
      { from: 'config', values: { ...resolveStage({}, 'dev', {}).usage }, strict: false },
    ]);
    const bill = buildBill({
      resources: stacks.flatMap((s) => s.resources),
      usage,
      prices: usEast1,
      stage: 'dev',
    });
    const line = (text: string) => {
      const found = bill.lines.filter((l) => l.item.includes(text));
      expect(found, text).toHaveLength(1);
      return found[0]!;
    };

    expect(bill.notPricedCount).toBe(0);
    // switched by the pipeline: 20 deploys x (2 migration minutes + 1) = 60 min = 1 h
    expect(line('running only during migrations')).toMatchObject({
      kind: 'usage',
      how: 't4g.nano $0.0042 x 1 h',
      usd: 0,
    });
    expect(line('Public IPv4 of Network/Vpc/publicSubnet1/NatInstance')).toMatchObject({
      kind: 'usage',
      usd: 0.01,
    });
    expect(line('Root volume of')).toMatchObject({ kind: 'fixed', usd: 0.64 });
    // 40 arm1.small + 40 general1.small minutes share the 100 free; 40 medium minutes x $0.01
    expect(line('CodeBuild Backend/ImageBuild (arm1.small)').usd).toBe(0);
    expect(line('CodeBuild Site/DeployWeb (general1.small)').usd).toBe(0);
    expect(line('CodeBuild Backend/Migration/Project (general1.medium, in VPC)').usd).toBe(0.4);
    // site: source 1 + build 2; backend: source 1 + image 2 + StartNat 1 + Liquibase 2 + ECS deploy 1
    // + RecordDeployedTag 1 = 11 a run: 220 minutes, 120 beyond the free 100
    expect(line('CodePipeline V2 action minutes')).toMatchObject({ usd: 0.24, component: 'pipelines' });
    expect(line('S3 storage Artifacts')).toMatchObject({ usd: 0.02, component: 'pipelines' });
    // docs/cost.md: the runtime's $34.40 without the always-on NAT instance ($7.36), plus the switched one ($0.65)
    // and the pipelines ($0.66)
    expect(bill.totalUsd).toBe(28.35);
  });
});
