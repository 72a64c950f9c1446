import { Type } from 'typebox';
import { section } from './fields.ts';

/** Retention values CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export const MetricsBackendSchema = Type.Enum(['cloudwatch', 'prometheus'], {
  default: 'cloudwatch',
  description: 'Metrics backend: CloudWatch EMF from the ADOT sidecar, or Amazon Managed Prometheus.',
});

export const DashboardsBackendSchema = Type.Enum(['cloudwatch', 'grafana'], {
  default: 'cloudwatch',
  description: 'Dashboards: CloudWatch, or Managed Grafana ($9 per editor per month).',
});

const threshold = (value: number, description: string) =>
  Type.Number({ default: value, exclusiveMinimum: 0, description });
const percent = (value: number, description: string) =>
  Type.Number({ default: value, exclusiveMinimum: 0, maximum: 100, description });

export const AlarmThresholdsSchema = section(
  {
    http5xxPercent: percent(1, 'Percent of API requests answered with 5xx over 5 minutes.'),
    p99LatencyMs: threshold(1500, 'p99 integration latency in ms.'),
    taskCpuPercent: percent(85, 'Average task CPU percent.'),
    taskMemoryPercent: percent(85, 'Average task memory percent.'),
    rdsCpuPercent: percent(80, 'RDS CPU percent.'),
    rdsFreeStorageGb: threshold(2, 'RDS free storage in GB.'),
    rdsConnections: threshold(60, 'RDS connections (db.t4g.micro allows about 80).'),
  },
  'Alarm thresholds.',
);

export const ObservabilitySchema = section(
  {
    metrics: MetricsBackendSchema,
    dashboards: DashboardsBackendSchema,
    alarms: AlarmThresholdsSchema,
    alarmEmail: Type.Optional(
      Type.String({
        pattern: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
        fix: 'an email address',
        description: 'Email subscribed to the alarm topic. Default: no subscription.',
      }),
    ),
    logRetentionDays: Type.Enum([...LOG_RETENTION_DAYS], {
      default: 7,
      prodDefault: 30,
      description:
        'Retention of every log group, a CloudWatch-supported value. Default 30 for prod, 7 otherwise.',
    }),
  },
  'Metrics, dashboards, alarms and logs.',
);
