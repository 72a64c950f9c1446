import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as rds from 'aws-cdk-lib/aws-rds';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { AlarmThresholds } from '../../config/types.ts';

/** A Fargate service the alarms and dashboards watch, by its Cloud Map name. */
export interface ObservedService {
  readonly name: string;
  readonly service: ecs.FargateService;
}

export interface ServiceAlarmsProps {
  readonly thresholds: AlarmThresholds;
  readonly services: readonly ObservedService[];
  /** @default - no 5xx and latency alarms */
  readonly httpApi?: apigw.IHttpApi;
  /** @default - no RDS alarms */
  readonly database?: rds.IDatabaseInstance;
  /** @default - the alarms change state without notifying anyone */
  readonly topic?: sns.ITopic;
}

const RUNBOOK = 'docs/observability.md#runbook';
const FIVE_MINUTES = Duration.minutes(5);

/**
 * The CloudWatch alarms, on metrics AWS publishes for free whatever the metrics backend: API Gateway (5xx rate,
 * p99 latency), ECS (running tasks, CPU, memory) and RDS (CPU, free storage, connections). Each alarm's
 * description names its runbook entry.
 *
 * ### Cost
 * $0.10 per standard alarm-month (CloudWatch pricing, 2026): 5 (API and RDS) + 3 per service, $0.80 a month for one service.
 */
export class ServiceAlarms extends Construct {
  /** Every alarm created, in creation order. */
  public readonly alarms: cloudwatch.Alarm[] = [];
  private readonly topic?: sns.ITopic;

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    this.topic = props.topic;
    const t = props.thresholds;
    if (props.httpApi) this.addApiAlarms(props.httpApi, t);
    for (const observed of props.services) this.addServiceAlarms(observed, t);
    if (props.database) this.addDatabaseAlarms(props.database, t);
  }

  private addApiAlarms(api: apigw.IHttpApi, t: AlarmThresholds): void {
    const errorRate = new cloudwatch.MathExpression({
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: {
        errors: api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
        requests: api.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' }),
      },
      label: '5xx %',
      period: FIVE_MINUTES,
    });
    this.add('Api5xxRate', errorRate, {
      threshold: t.http5xxPercent,
      description: `More than ${t.http5xxPercent}% of API requests answered 5xx over 5 minutes`,
      runbook: 'high-5xx-rate',
    });
    const p99 = api.metricIntegrationLatency({ period: FIVE_MINUTES, statistic: 'p99' });
    this.add('ApiP99Latency', p99, {
      threshold: t.p99LatencyMs,
      evaluationPeriods: 2,
      description: `API p99 integration latency above ${t.p99LatencyMs} ms for 10 minutes`,
      runbook: 'high-p99-latency',
    });
  }

  private addServiceAlarms({ name, service }: ObservedService, t: AlarmThresholds): void {
    // ECS publishes nothing for a service without a RUNNING task, so "no data" is the zero-tasks signal.
    const runningTasks = service.metricCpuUtilization({
      period: Duration.minutes(1),
      statistic: 'SampleCount',
    });
    this.add(`${pascal(name)}NoRunningTasks`, runningTasks, {
      threshold: 1,
      comparison: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 3,
      missingData: cloudwatch.TreatMissingData.BREACHING,
      description: `Service ${name} has had no running (healthy) task for 3 minutes`,
      runbook: 'no-running-tasks',
    });
    this.add(`${pascal(name)}Cpu`, service.metricCpuUtilization({ period: FIVE_MINUTES }), {
      threshold: t.taskCpuPercent,
      evaluationPeriods: 3,
      description: `Service ${name} CPU above ${t.taskCpuPercent}% for 15 minutes`,
      runbook: 'task-cpu-or-memory',
    });
    this.add(`${pascal(name)}Memory`, service.metricMemoryUtilization({ period: FIVE_MINUTES }), {
      threshold: t.taskMemoryPercent,
      evaluationPeriods: 3,
      description: `Service ${name} memory above ${t.taskMemoryPercent}% for 15 minutes`,
      runbook: 'task-cpu-or-memory',
    });
  }

  private addDatabaseAlarms(database: rds.IDatabaseInstance, t: AlarmThresholds): void {
    this.add('RdsCpu', database.metricCPUUtilization({ period: FIVE_MINUTES }), {
      threshold: t.rdsCpuPercent,
      evaluationPeriods: 3,
      description: `RDS CPU above ${t.rdsCpuPercent}% for 15 minutes`,
      runbook: 'rds-cpu',
    });
    this.add(
      'RdsFreeStorage',
      database.metricFreeStorageSpace({ period: FIVE_MINUTES, statistic: 'Minimum' }),
      {
        threshold: t.rdsFreeStorageGb * 1024 ** 3,
        comparison: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        description: `RDS free storage below ${t.rdsFreeStorageGb} GB`,
        runbook: 'rds-free-storage',
      },
    );
    this.add(
      'RdsConnections',
      database.metricDatabaseConnections({ period: FIVE_MINUTES, statistic: 'Maximum' }),
      {
        threshold: t.rdsConnections,
        evaluationPeriods: 2,
        description: `More than ${t.rdsConnections} RDS connections for 10 minutes`,
        runbook: 'rds-connections',
      },
    );
  }

  private add(
    id: string,
    metric: cloudwatch.IMetric,
    options: {
      threshold: number;
      description: string;
      runbook: string;
      evaluationPeriods?: number;
      comparison?: cloudwatch.ComparisonOperator;
      missingData?: cloudwatch.TreatMissingData;
    },
  ): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold: options.threshold,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      comparisonOperator: options.comparison ?? cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: options.missingData ?? cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `${options.description}. Runbook: ${RUNBOOK}-${options.runbook}`,
    });
    if (this.topic) {
      alarm.addAlarmAction(new actions.SnsAction(this.topic));
      alarm.addOkAction(new actions.SnsAction(this.topic));
    }
    this.alarms.push(alarm);
  }
}

/** `catalog-api` -> `CatalogApi`, for construct ids. */
function pascal(name: string): string {
  return name.replace(/(^|[-_])(\w)/g, (_match, _sep, char: string) => char.toUpperCase());
}
