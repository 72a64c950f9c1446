import { describe, expect, it } from 'vitest';
import { compareTradeOffs } from '../../src/cost/compare/index.ts';
import { crossing } from '../../src/cost/compare/types.ts';
import { toCents } from '../../src/cost/models/charge.ts';
import { usEast1 } from '../../src/cost/prices/us-east-1.ts';
import { fixtureTemplate, resourcesOf, TEST_USAGE } from './fixture.ts';

describe('crossing', () => {
  it('finds where a linear difference changes sign, and nothing when it never does', () => {
    expect(crossing((x) => 2 * x - 10, 0, 100)).toBeCloseTo(5, 4);
    expect(crossing((x) => x + 1, 0, 100)).toBeUndefined();
  });
});

describe('the seed trade-offs at the default usage (8 KB responses)', () => {
  const tradeOffs = compareTradeOffs(resourcesOf(fixtureTemplate()), TEST_USAGE, usEast1);
  const byTitle = (start: string) => {
    const found = tradeOffs.find((t) => t.title.startsWith(start));
    if (!found) throw new Error(`no trade-off "${start}"`);
    return found;
  };

  it('prices all six', () => {
    expect(tradeOffs).toHaveLength(6);
  });

  it('puts the ALB break-even at 23.725 / (1e-6 - 5.84 / 65.7e6) = 26,039,634 requests a month', () => {
    // ALB: $16.425 hours + $7.30 for two IPv4 + 0.008 x 730 per LCU, 1 LCU per 25 new connections a second.
    const t = byTitle('API Gateway');
    expect(t.breakEven).toMatch(/above 26,039,63\d requests\/month \(9\.9 rps average\)/);
    expect(toCents(t.options[0]!.monthly.usd)).toBe(100);
    expect(toCents(t.options[1]!.monthly.usd)).toBe(2381); // 23.725 + 8.8889e-8 x 1 M
  });

  it('says NAT wins only above 11 tasks for one gateway and 21 for two', () => {
    // one: 32.85 + 3.65 + 5 GB x 0.045 = 36.725 / 3.65 = 10.06; two: 73.225 / 3.65 = 20.06
    expect(byTitle('Public subnets').breakEven).toBe(
      'NAT wins only above 11 tasks (one NAT gateway, $36.73) or 21 tasks (two, $73.23)',
    );
  });

  it('keeps RDS ahead of Aurora, whose 0.5 ACU floor never pauses under a pool', () => {
    const t = byTitle('RDS PostgreSQL');
    expect(toCents(t.options[0]!.monthly.usd)).toBe(1398); // 11.68 + 2.30
    expect(toCents(t.options[1]!.monthly.usd)).toBe(4680); // 43.80 + 20 x 0.10 + 5 M x 0.20 / M
    expect(t.breakEven).toContain('$43.80');
  });

  it('finds Grafana + AMP cheaper than CloudWatch custom metrics above 41 series', () => {
    // CloudWatch: 0.30 x (n - 10); Grafana: $9 + AMP(n) = 9 + n x (43,800 x 0.09 / 1 M + ...) per series
    const t = byTitle('CloudWatch dashboards');
    const even = Number(/above ([\d,]+) app series/.exec(t.breakEven ?? '')?.[1]?.replace(',', ''));
    const grafana = (n: number) =>
      9 + n * 43_800 * (0.9 / 10_000_000) + (n * 43_800 * 2 * (150 / (730 / 24)) * 0.03) / 1024 ** 3;
    expect(0.3 * (even - 10)).toBeGreaterThanOrEqual(grafana(even));
    expect(0.3 * (even - 1 - 10)).toBeLessThan(grafana(even - 1));
  });

  it('finds the one-off Fargate task cheaper than CodeBuild in the VPC at any number of deploys', () => {
    expect(byTitle('Migrations').breakEven).toMatch(
      /^none: the Fargate task is cheaper at any number of deploys/,
    );
  });
});
