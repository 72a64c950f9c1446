import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/main.ts';
import { FIXTURE, TEST_USAGE } from './fixture.ts';

const BIN = new URL('../../bin/shoestring.js', import.meta.url).pathname;

/** Every usage field pinned to the tool's defaults, so the test does not depend on shoestring.config.ts. */
function usageFile(overrides: Record<string, unknown> = {}): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'shoestring-cost-')), 'usage.json');
  writeFileSync(file, JSON.stringify({ ...TEST_USAGE, ...overrides }));
  return file;
}

async function cost(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
  const code = await main(['cost', '--template', FIXTURE.pathname, ...args]);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

afterEach(() => vi.restoreAllMocks());

describe('shoestring cost over a template', () => {
  it('prints the bill grouped by component with its total', async () => {
    const { code, out } = await cost('--usage', usageFile());
    expect(code).toBe(0);
    expect(out).toMatch(/^Database \(RDS PostgreSQL\) {2}\$13\.98$/m);
    expect(out).toMatch(/NOT PRICED AWS::WAFv2::WebACL x1 +\?/);
    expect(out).toContain('Total $27.88/month: fixed $26.08, usage-driven $1.80');
  });

  it('prints JSON with every line, the free ones included', async () => {
    const { out } = await cost('--usage', usageFile(), '--json');
    const { bill } = JSON.parse(out);
    expect(bill.totalUsd).toBe(27.88);
    expect(bill.lines.find((l: { item: string }) => l.item === 'AWS::EC2::Subnet x4')).toMatchObject({
      kind: 'free',
      usd: 0,
    });
  });

  it('prints Markdown with subtotals and the trade-offs with --compare', async () => {
    const { out } = await cost('--usage', usageFile(), '--markdown', '--compare');
    expect(out).toContain('| Database (RDS PostgreSQL) | **subtotal** | | **$13.98** | |');
    expect(out).toContain('### RDS PostgreSQL versus Aurora Serverless v2');
  });

  it('shows what a usage change does to the bill with --diff', async () => {
    const busier = usageFile({ requestsPerMonth: 50_000_000, avgTaskCount: 2 });
    const { out } = await cost('--usage', usageFile(), '--diff', busier);
    expect(out).toMatch(/API Gateway HTTP API requests \(Api\/HttpApi\) +\$1\.00 -> +\$50\.00 +\+\$49\.00/);
    // 50 M x 8 KB = 381.47 GB out: 281.47 GB over the free 100 x $0.09
    expect(out).toMatch(/Data transfer out \(API responses\) +\$0\.00 -> +\$25\.33/);
    expect(out).toMatch(/Fargate ARM .*autoscaled above minimum\) +- -> +\$7\.21/);
  });

  it('refuses a usage file with an unknown field or a bad value, naming it', async () => {
    await expect(cost('--usage', usageFile({ requestPerMonth: 5 }))).resolves.toMatchObject({ code: 1 });
    const { err } = await cost('--usage', usageFile({ avgTaskCount: -1 }));
    expect(err).toContain('usage field "avgTaskCount"');
    expect(err).toContain('got -1; use a number of 0 or more');
  });

  it('refuses an unknown option with a message, not a stack trace', async () => {
    const { code, err } = await cost('--bogus');
    expect(code).toBe(1);
    expect(err).toBe(
      "shoestring cost: Unknown option '--bogus'. Run `shoestring cost --help` for the options.",
    );
  });

  it('refuses a region without a price table', async () => {
    const { code, err } = await cost('--region', 'eu-west-3');
    expect(code).toBe(1);
    expect(err).toContain('no price table for region "eu-west-3"');
  });
});

describe('the shoestring binary', () => {
  it('prints the cost help in a real process', () => {
    const out = execFileSync(process.execPath, [BIN, 'cost', '--help'], { encoding: 'utf8' });
    expect(out).toContain('Usage: shoestring cost [options]');
    expect(out).toContain('--compare');
  });
});
