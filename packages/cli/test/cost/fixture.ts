import { readFileSync } from 'node:fs';
import { buildBill } from '../../src/cost/bill/build.ts';
import type { Bill, BillLine } from '../../src/cost/bill/types.ts';
import { usEast1 } from '../../src/cost/prices/us-east-1.ts';
import type { TemplateResource } from '../../src/cost/template/read.ts';
import type { UsageProfile } from '../../src/cost/usage.ts';

/**
 * The usage the hand-computed test values assume, pinned here so a change of the config's defaults does not move
 * them: 1 M requests of 8 KB, 1 GB logs, 10 GB site out, 20 deploys x 5 build minutes, 1 task.
 */
export const TEST_USAGE: UsageProfile = {
  requestsPerMonth: 1_000_000,
  avgResponseKb: 8,
  logGbPerMonth: 1,
  siteGbOut: 10,
  deploysPerMonth: 20,
  buildMinutesPerDeploy: 5,
  avgTaskCount: 1,
  siteRequestsPerMonth: 1_000_000,
  traceSampleRate: 0.05,
  prometheusActiveSeries: 500,
  prometheusScrapeIntervalSeconds: 60,
  grafanaEditors: 1,
  grafanaViewers: 0,
  monthlyActiveUsers: 1_000,
  imageGb: 0.15,
  imagesStored: 10,
  siteGbStored: 0.1,
  bucketGbStored: 1,
  natGbPerMonth: 5,
  dbIoPerMonth: 5_000_000,
};

export const FIXTURE = new URL('./fixtures/shoestring-dev.template.json', import.meta.url);

type RawTemplate = {
  Resources: Record<
    string,
    { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, string> }
  >;
};

/** A fresh copy of the hand-written template, to change per test. */
export function fixtureTemplate(): RawTemplate {
  return JSON.parse(readFileSync(FIXTURE, 'utf8')) as RawTemplate;
}

export function resourcesOf(template: RawTemplate, stack = 'ShoestringDev'): TemplateResource[] {
  return Object.entries(template.Resources).map(([logicalId, r]) => ({
    stack,
    logicalId,
    type: r.Type,
    properties: r.Properties,
    cdkPath: r.Metadata?.['aws:cdk:path'],
  }));
}

export function billOf(template: RawTemplate, usage: Partial<UsageProfile> = {}): Bill {
  return buildBill({
    resources: resourcesOf(template),
    usage: { ...TEST_USAGE, ...usage },
    prices: usEast1,
    stage: 'dev',
  });
}

/** The one line whose item contains `text`. */
export function lineOf(bill: Bill, text: string): BillLine {
  const matches = bill.lines.filter((l) => l.item.includes(text));
  if (matches.length !== 1)
    throw new Error(
      `expected one line with "${text}", found ${matches.map((l) => l.item).join(' | ') || 'none'}`,
    );
  return matches[0]!;
}
