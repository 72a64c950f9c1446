import { num } from '../../models/charge.ts';
import {
  ampMonthly,
  dashboardsMonthly,
  grafanaMonthly,
  logsMonthly,
  NEVER_EXPIRE_DAYS,
  xrayMonthly,
} from '../../models/observability.ts';
import { asArray, asRecord, literalNumber, resourceKey } from '../../template/values.ts';
import { type BillLine, line, type Pricer, type PricingContext } from '../types.ts';

/**
 * All log groups share the usage profile's log volume; storage is priced at the longest retention among them
 * (an upper bound when retentions differ).
 */
export const priceLogGroups: Pricer = (groups, ctx) => {
  const keys = groups.map(resourceKey);
  const retentions = groups.map((g) => literalNumber(g.properties.RetentionInDays) ?? NEVER_EXPIRE_DAYS);
  const retention = Math.max(...retentions);
  const charges = logsMonthly(ctx.prices, ctx.usage.logGbPerMonth, retention);
  // Logs belong to observability whichever construct owns the group.
  const component = 'observability';
  const never = groups.some((g) => g.properties.RetentionInDays === undefined)
    ? ', a group never expires: priced as 1 year'
    : '';
  return [
    line(
      component,
      `CloudWatch Logs ingestion (${groups.length} log groups)`,
      'usage',
      charges.ingestion,
      keys,
    ),
    line(
      component,
      `CloudWatch Logs storage (longest retention ${retention} d${never})`,
      'usage',
      charges.storage,
      keys,
    ),
  ];
};

export const priceDashboards: Pricer = (dashboards, ctx) => [
  line(
    ctx.componentOf(dashboards[0]!),
    `CloudWatch dashboards x${dashboards.length}`,
    'fixed',
    dashboardsMonthly(ctx.prices, dashboards.length),
    dashboards.map(resourceKey),
  ),
];

export const pricePrometheusWorkspaces: Pricer = (workspaces, ctx) => {
  const load = {
    activeSeries: ctx.usage.prometheusActiveSeries,
    scrapeIntervalSeconds: ctx.usage.prometheusScrapeIntervalSeconds,
    bytesPerSample: 2,
    retentionDays: 150,
  };
  const charge = ampMonthly(ctx.prices, load);
  const how = `${num(load.activeSeries)} series every ${num(load.scrapeIntervalSeconds)} s: ${charge.how}`;
  return [
    line(
      ctx.componentOf(workspaces[0]!),
      `Managed Prometheus (AMP) x${workspaces.length} workspace`,
      'usage',
      { usd: charge.usd, how },
      workspaces.map(resourceKey),
    ),
  ];
};

/** Grafana bills active users, not workspaces: one seat count for the account. */
export const priceGrafanaWorkspaces: Pricer = (workspaces, ctx) => [
  line(
    ctx.componentOf(workspaces[0]!),
    'Managed Grafana users',
    'fixed',
    grafanaMonthly(ctx.prices, ctx.usage.grafanaEditors, ctx.usage.grafanaViewers),
    workspaces.map(resourceKey),
  ),
];

const TRACING_IMAGES = ['aws-otel-collector', 'aws-xray-daemon', 'adot'];

/** Traces are recorded when a task runs an ADOT collector or X-Ray daemon sidecar, or the template has X-Ray resources. */
export function priceTracing(ctx: PricingContext): BillLine[] {
  const tracers = ctx.byType('AWS::ECS::TaskDefinition').filter((td) =>
    asArray(td.properties.ContainerDefinitions).some((c) => {
      const image = JSON.stringify(asRecord(c).Image ?? '');
      return TRACING_IMAGES.some((name) => image.includes(name));
    }),
  );
  const xray = ctx.resources.filter((r) => r.type.startsWith('AWS::XRay::'));
  if (tracers.length === 0 && xray.length === 0) return [];
  const traces = ctx.usage.requestsPerMonth * ctx.usage.traceSampleRate;
  const charge = xrayMonthly(ctx.prices, traces);
  const how = `${num(ctx.usage.requestsPerMonth)} requests x ${num(ctx.usage.traceSampleRate)} sampled: ${charge.how}`;
  return [
    line(
      'observability',
      'X-Ray traces recorded',
      'usage',
      { usd: charge.usd, how },
      [...tracers, ...xray].map(resourceKey),
    ),
  ];
}
