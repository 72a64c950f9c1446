import { toCents } from '../models/charge.ts';
import type { PriceTable } from '../prices/index.ts';
import type { TemplateResource } from '../template/read.ts';
import { resourceKey } from '../template/values.ts';
import type { UsageProfile } from '../usage.ts';
import { componentOf } from './components.ts';
import { ACCOUNT_PRICERS, freeReason, PRICERS } from './registry.ts';
import {
  type Bill,
  type BillLine,
  COMPONENTS,
  type Component,
  notPriced,
  type PricingContext,
} from './types.ts';

export interface BillInput {
  readonly resources: readonly TemplateResource[];
  readonly usage: UsageProfile;
  readonly prices: PriceTable;
  readonly stage: string | undefined;
}

/** Prices every resource: each known type through its pricer, free types as free, anything else as not priced. */
export function buildBill(input: BillInput): Bill {
  const ctx = pricingContext(input);
  const byType = new Map<string, TemplateResource[]>();
  for (const r of input.resources) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);

  const covered = new Set(ACCOUNT_PRICERS.flatMap((p) => p.covers));
  const lines: BillLine[] = [];
  for (const [type, resources] of byType) {
    if (covered.has(type)) continue;
    const pricer = PRICERS[type];
    if (pricer) lines.push(...pricer(resources, ctx));
    else lines.push(...unpricedLines(type, resources));
  }
  for (const { price } of ACCOUNT_PRICERS) lines.push(...price(ctx));
  const rounded = lines.map(roundLine).sort(byComponent);
  return summarize(input, rounded);
}

export function pricingContext(input: Omit<BillInput, 'stage'>): PricingContext {
  const index = new Map(input.resources.map((r) => [resourceKey(r), r]));
  return {
    prices: input.prices,
    usage: input.usage,
    resources: input.resources,
    byType: (type) => input.resources.filter((r) => r.type === type),
    find: (stack, logicalId) => index.get(`${stack}/${logicalId}`),
    componentOf,
  };
}

/** Free types collapse into one line per type and component; unknown types become "not priced" lines. */
function unpricedLines(type: string, resources: TemplateResource[]): BillLine[] {
  const groups = new Map<Component, TemplateResource[]>();
  for (const r of resources) {
    const component = componentOf(r);
    groups.set(component, [...(groups.get(component) ?? []), r]);
  }
  const reason = freeReason(type);
  return [...groups].map(([c, members]) => {
    const item = `${type} x${members.length}`;
    const keys = members.map(resourceKey);
    if (reason) return { component: c, item, kind: 'free', usd: 0, how: reason, resources: keys };
    return notPriced(c, item, 'resource type not in the price table', keys);
  });
}

function roundLine(line: BillLine): BillLine {
  return line.usd === null ? line : { ...line, usd: toCents(line.usd) / 100 };
}

const KIND_ORDER = { fixed: 0, usage: 1, 'not-priced': 2, free: 3 } as const;

function byComponent(a: BillLine, b: BillLine): number {
  return (
    COMPONENTS.indexOf(a.component) - COMPONENTS.indexOf(b.component) ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    a.item.localeCompare(b.item)
  );
}

/** Totals are sums of the rounded lines, in integer cents, so the report adds up exactly as printed. */
function summarize(input: BillInput, lines: BillLine[]): Bill {
  const cents = (kind?: string) =>
    lines
      .filter((l) => l.usd !== null && (kind === undefined || l.kind === kind))
      .reduce((sum, l) => sum + toCents(l.usd ?? 0), 0);
  return {
    region: input.prices.region,
    stage: input.stage,
    usage: input.usage,
    lines,
    totalUsd: cents() / 100,
    fixedUsd: cents('fixed') / 100,
    usageUsd: cents('usage') / 100,
    notPricedCount: lines.filter((l) => l.kind === 'not-priced').length,
  };
}
