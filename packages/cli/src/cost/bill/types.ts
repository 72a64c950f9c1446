import type { Charge } from '../models/charge.ts';
import type { PriceTable } from '../prices/index.ts';
import type { TemplateResource } from '../template/read.ts';
import type { UsageProfile } from '../usage.ts';

/** The seed design's components, in the order the report prints them. */
export const COMPONENTS = [
  'edge',
  'api',
  'compute',
  'network',
  'database',
  'pipelines',
  'secrets',
  'observability',
] as const;
export type Component = (typeof COMPONENTS)[number];

/**
 * fixed: billed whether or not anyone uses the system; usage: grows with the usage profile;
 * free: a known resource with no charge at this usage; not-priced: a resource the tool cannot price.
 */
export type LineKind = 'fixed' | 'usage' | 'free' | 'not-priced';

export interface BillLine {
  readonly component: Component;
  readonly item: string;
  readonly kind: LineKind;
  /** Monthly dollars rounded to the cent; null when not priced. */
  readonly usd: number | null;
  readonly how: string;
  /** `stack/logicalId` of the resources the line prices. */
  readonly resources: readonly string[];
}

export interface Bill {
  readonly region: string;
  readonly stage: string | undefined;
  readonly usage: UsageProfile;
  readonly lines: readonly BillLine[];
  /** Sum of the priced lines, to the cent. */
  readonly totalUsd: number;
  readonly fixedUsd: number;
  readonly usageUsd: number;
  readonly notPricedCount: number;
}

/** What a pricer sees: all resources of every stack, the usage profile and the price table. */
export interface PricingContext {
  readonly prices: PriceTable;
  readonly usage: UsageProfile;
  readonly resources: readonly TemplateResource[];
  byType(type: string): TemplateResource[];
  find(stack: string, logicalId: string): TemplateResource | undefined;
  componentOf(resource: TemplateResource): Component;
}

/** Prices every resource of one CloudFormation type (all of them at once, so free tiers apply account-wide). */
export type Pricer = (resources: TemplateResource[], ctx: PricingContext) => BillLine[];

/** Builds a priced line from a model's charge. */
export function line(
  component: Component,
  item: string,
  kind: 'fixed' | 'usage',
  charge: Charge,
  resources: readonly string[],
): BillLine {
  return { component, item, kind, usd: charge.usd, how: charge.how, resources };
}

export function notPriced(
  component: Component,
  item: string,
  why: string,
  resources: readonly string[],
): BillLine {
  return { component, item, kind: 'not-priced', usd: null, how: why, resources };
}
