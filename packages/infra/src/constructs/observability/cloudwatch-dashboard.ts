import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import type { MetricsBackend } from '../../config/types.ts';
import type { ObservedService } from './alarms.ts';

export interface ServiceDashboardProps {
  readonly dashboardName: string;
  readonly services: readonly ObservedService[];
  /** With `cloudwatch`, the API's own metrics (EMF, namespace `Shoestring`) get request, latency and pool widgets. */
  readonly metrics: MetricsBackend;
  readonly alarms: readonly cloudwatch.IAlarm[];
  /** @default - no API Gateway widgets */
  readonly httpApi?: apigw.IHttpApi;
  /** @default - no RDS widgets */
  readonly database?: rds.IDatabaseInstance;
}

const PERIOD = Duration.minutes(5);
const EMF_NAMESPACE = 'Shoestring';

/**
 * The `cloudwatch` dashboards choice: one CloudWatch dashboard with the same questions as the Grafana ones
 * (requests, errors, latency, tasks, CPU, memory, pool, RDS) and the state of every alarm.
 *
 * ### Cost
 * The first 3 dashboards of an account are free, then $3 per dashboard-month (CloudWatch pricing, 2026).
 */
export class ServiceDashboard extends Construct {
  public readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: ServiceDashboardProps) {
    super(scope, id);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.hours(6),
    });
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24, height: 3 }),
    );
    if (props.httpApi) this.dashboard.addWidgets(...apiWidgets(props.httpApi));
    for (const observed of props.services) this.dashboard.addWidgets(...serviceWidgets(observed));
    if (props.metrics === 'cloudwatch') this.dashboard.addWidgets(...emfWidgets());
    if (props.database) this.dashboard.addWidgets(...databaseWidgets(props.database));
  }
}

function graph(title: string, left: cloudwatch.IMetric[], unit?: string): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({ title, left, width: 8, height: 6, leftYAxis: { min: 0, label: unit } });
}

function apiWidgets(api: apigw.IHttpApi): cloudwatch.IWidget[] {
  return [
    graph('API requests (5 min)', [api.metricCount({ period: PERIOD, statistic: 'Sum' })]),
    graph('API 4xx and 5xx (5 min)', [
      api.metricClientError({ period: PERIOD, statistic: 'Sum' }),
      api.metricServerError({ period: PERIOD, statistic: 'Sum' }),
    ]),
    graph(
      'API integration latency',
      ['p50', 'p99'].map((statistic) =>
        api.metricIntegrationLatency({ period: PERIOD, statistic, label: statistic }),
      ),
      'ms',
    ),
  ];
}

function serviceWidgets({ name, service }: ObservedService): cloudwatch.IWidget[] {
  const minute = Duration.minutes(1);
  return [
    graph(`${name}: running tasks`, [
      service.metricCpuUtilization({ period: minute, statistic: 'SampleCount', label: 'tasks reporting' }),
    ]),
    graph(`${name}: CPU`, [service.metricCpuUtilization({ period: PERIOD })], '%'),
    graph(`${name}: memory`, [service.metricMemoryUtilization({ period: PERIOD })], '%'),
  ];
}

/** The API's Prometheus series that the collector turns into CloudWatch metrics (see collector-cloudwatch.yaml). */
function emfWidgets(): cloudwatch.IWidget[] {
  const search = (dimensions: string, metric: string, statistic: string, label: string) =>
    new cloudwatch.MathExpression({
      expression: `SEARCH('{${EMF_NAMESPACE},${dimensions}} MetricName="${metric}"', '${statistic}', 300)`,
      label,
      period: PERIOD,
      usingMetrics: {},
    });
  return [
    graph('Requests by service', [search('service', 'http_requests_total', 'Sum', 'requests')]),
    // Average, not p99: whether awsemf keeps a histogram's buckets depends on the collector version; API Gateway's
    // IntegrationLatency widget above has the percentiles.
    graph(
      'Mean latency by service',
      [search('service', 'http_request_duration_seconds', 'Average', 'mean')],
      's',
    ),
    graph('Pool: queries waiting for a connection', [
      search('service', 'db_pool_requests_waiting', 'Maximum', 'waiting'),
    ]),
  ];
}

function databaseWidgets(database: rds.IDatabaseInstance): cloudwatch.IWidget[] {
  return [
    graph('RDS CPU', [database.metricCPUUtilization({ period: PERIOD })], '%'),
    graph('RDS connections', [database.metricDatabaseConnections({ period: PERIOD, statistic: 'Maximum' })]),
    graph(
      'RDS free storage',
      [database.metricFreeStorageSpace({ period: PERIOD, statistic: 'Minimum' })],
      'bytes',
    ),
  ];
}
