import { type Bill, type BillLine, COMPONENTS, type Component } from '../bill/types.ts';
import { num } from '../models/charge.ts';
import type { UsageProfile } from '../usage.ts';

export interface ComponentGroup {
  readonly component: Component;
  readonly lines: readonly BillLine[];
  /** Free resources of the component, summarized in one line for people (JSON keeps them all). */
  readonly free: readonly BillLine[];
  readonly subtotalUsd: number;
}

/** The bill's lines per component, priced and not-priced lines first, free ones set aside. */
export function groupByComponent(bill: Bill): ComponentGroup[] {
  return COMPONENTS.map((component) => {
    const all = bill.lines.filter((l) => l.component === component);
    const cents = all.reduce((sum, l) => sum + Math.round((l.usd ?? 0) * 100), 0);
    return {
      component,
      lines: all.filter((l) => l.kind !== 'free'),
      free: all.filter((l) => l.kind === 'free'),
      subtotalUsd: cents / 100,
    };
  }).filter((g) => g.lines.length + g.free.length > 0);
}

export function freeSummary(free: readonly BillLine[]): string {
  return free.map((l) => l.item).join(', ');
}

/** One sentence of the usage the bill assumes. */
export function usageSummary(usage: UsageProfile): string {
  return [
    `${num(usage.requestsPerMonth)} API requests/month of ${num(usage.avgResponseKb)} KB`,
    `${num(usage.avgTaskCount)} average tasks`,
    `${num(usage.logGbPerMonth)} GB logs/month`,
    `${num(usage.siteGbOut)} GB site out`,
    `${num(usage.deploysPerMonth)} deploys x ${num(usage.buildMinutesPerDeploy)} build min`,
  ].join(', ');
}

export const COMPONENT_TITLES: Readonly<Record<Component, string>> = {
  edge: 'Edge (CloudFront, S3 site)',
  api: 'API (API Gateway, Cloud Map)',
  compute: 'Compute (ECS Fargate)',
  network: 'Network (VPC, NAT, endpoints)',
  database: 'Database (RDS PostgreSQL)',
  pipelines: 'Pipelines (CodePipeline, CodeBuild)',
  secrets: 'Secrets',
  observability: 'Observability (logs, metrics, tracing)',
};
