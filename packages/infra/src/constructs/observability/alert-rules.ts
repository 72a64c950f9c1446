import { stringify } from 'yaml';
import type { AlarmThresholds } from '../../config/types.ts';
import type { PromqlUse } from './grafana-dashboards.ts';

/**
 * An alert on a PromQL measure: `measure <op> threshold` held for `for`. The measure alone is what a dashboard
 * plots and what the local test queries, so a rule whose measure returns nothing is caught before it is deployed.
 */
export interface PromAlertRule {
  readonly alert: string;
  readonly measure: string;
  readonly op: '>' | '<';
  readonly threshold: number;
  readonly for: string;
  readonly summary: string;
  /** The runbook entry in docs/observability.md. */
  readonly runbook: string;
}

const API = 'job="api"';
const RUNBOOK = 'docs/observability.md#runbook';

/**
 * The application alarms evaluated by Amazon Managed Prometheus when `observability.metrics` is `prometheus`
 * (the infrastructure alarms stay CloudWatch alarms on AWS metrics in both modes, see `alarms.ts`).
 * The `or vector(0)` terms make a measure read 0 instead of "no data" before the first error or task.
 */
export function prometheusAlertRules(thresholds: AlarmThresholds): PromAlertRule[] {
  return [
    {
      alert: 'ShoestringHigh5xxRate',
      measure: `100 * (sum(rate(http_request_errors_total{${API}}[5m])) or vector(0)) / sum(rate(http_requests_total{${API}}[5m]))`,
      op: '>',
      threshold: thresholds.http5xxPercent,
      for: '5m',
      summary: `More than ${thresholds.http5xxPercent}% of API requests answered 5xx`,
      runbook: `${RUNBOOK}-high-5xx-rate`,
    },
    {
      alert: 'ShoestringHighP99Latency',
      measure: `1000 * histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{${API}}[5m])))`,
      op: '>',
      threshold: thresholds.p99LatencyMs,
      for: '10m',
      summary: `API p99 latency above ${thresholds.p99LatencyMs} ms`,
      runbook: `${RUNBOOK}-high-p99-latency`,
    },
    {
      alert: 'ShoestringNoHealthyTasks',
      measure: `sum(up{${API}}) or vector(0)`,
      op: '<',
      threshold: 1,
      for: '3m',
      summary: 'No API task answers its /metrics scrape',
      runbook: `${RUNBOOK}-no-running-tasks`,
    },
    {
      alert: 'ShoestringPoolSaturated',
      measure: `max(db_pool_requests_waiting{${API}})`,
      op: '>',
      threshold: 0,
      for: '10m',
      summary: 'Queries keep waiting for a PostgreSQL pool connection',
      runbook: `${RUNBOOK}-pool-saturated`,
    },
  ];
}

/** The rules as a Prometheus rule file (the format AMP's rule groups namespace and `prometheus` both load). */
export function prometheusRuleFile(rules: readonly PromAlertRule[]): string {
  return stringify({
    groups: [
      {
        name: 'shoestring',
        rules: rules.map((rule) => ({
          alert: rule.alert,
          expr: `(${rule.measure}) ${rule.op} ${rule.threshold}`,
          for: rule.for,
          labels: { severity: 'page' },
          annotations: { summary: rule.summary, runbook: rule.runbook },
        })),
      },
    ],
  });
}

/** The measures of the rules, for the same checks as the dashboards' PromQL. */
export function alertPromql(rules: readonly PromAlertRule[]): PromqlUse[] {
  return rules.map((rule) => ({ source: `alert ${rule.alert}`, expr: rule.measure }));
}
