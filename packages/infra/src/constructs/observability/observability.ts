import { Annotations } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import type * as rds from 'aws-cdk-lib/aws-rds';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { ObservabilitySettings } from '../../config/types.ts';
import { acknowledge } from '../acknowledge.ts';
import { type ObservedService, ServiceAlarms } from './alarms.ts';
import { ServiceDashboard } from './cloudwatch-dashboard.ts';
import { GrafanaWorkspace } from './grafana-workspace.ts';
import { PrometheusBackend } from './prometheus-backend.ts';

export interface ObservabilityProps {
  /** `observability` of the stage config: backends, thresholds, alarm email. */
  readonly settings: Pick<ObservabilitySettings, 'metrics' | 'dashboards' | 'alarms' | 'alarmEmail'>;
  /** The Fargate services, each with the ADOT sidecar `otel-collector` already in its task definition. */
  readonly services: readonly ObservedService[];
  /** @default - no API Gateway alarms or widgets */
  readonly httpApi?: apigw.IHttpApi;
  /** @default - no RDS alarms or widgets */
  readonly database?: rds.IDatabaseInstance;
  /**
   * Name of the CloudWatch dashboard (when `settings.dashboards` is `cloudwatch`).
   * @default 'shoestring'
   */
  readonly dashboardName?: string;
}

/**
 * The seed's monitoring box: where metrics go (`cloudwatch` EMF or an Amazon Managed Prometheus workspace), the
 * dashboards (a CloudWatch dashboard or an optional Managed Grafana workspace), the alarms, and the SNS topic every
 * alarm notifies, which emails `alarmEmail` when set (synth warns when nobody is subscribed). Traces go from each sidecar to X-Ray in both modes (see `adot-collector.ts`).
 *
 * ### Cost
 * Defaults (`cloudwatch` + `cloudwatch`, one service): 8 alarms x $0.10 = $0.80/mo; the dashboard is free
 * (first 3 per account); 6 EMF custom metrics per service x $0.30 = $1.80/mo (see collector-cloudwatch.yaml);
 * SNS email free for the first 1,000 (CloudWatch and SNS pricing, 2026). `prometheus` replaces the custom
 * metrics by AMP samples (free tier 40 M); `grafana` adds $9 per editor-month. See docs/observability.md.
 */
export class Observability extends Construct {
  /** Alarm notifications: every alarm (and AMP's alert manager) publishes here; subscribe a person or a pager. */
  public readonly alarmTopic: sns.Topic;
  /** The AMP backend; only when `metrics` is `prometheus`. */
  public readonly prometheus?: PrometheusBackend;
  /** The CloudWatch alarms. */
  public readonly alarms: ServiceAlarms;
  /** The CloudWatch dashboard; only when `dashboards` is `cloudwatch`. */
  public readonly dashboard?: ServiceDashboard;
  /** The Managed Grafana workspace; only when `dashboards` is `grafana`. */
  public readonly grafana?: GrafanaWorkspace;

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const { settings } = props;
    this.alarmTopic = this.createAlarmTopic(settings.alarmEmail);
    if (settings.metrics === 'prometheus') this.prometheus = this.createPrometheus(props);
    this.alarms = new ServiceAlarms(this, 'Alarms', {
      thresholds: settings.alarms,
      services: props.services,
      httpApi: props.httpApi,
      database: props.database,
      topic: this.alarmTopic,
    });
    if (settings.dashboards === 'cloudwatch') {
      this.dashboard = new ServiceDashboard(this, 'Dashboard', {
        dashboardName: props.dashboardName ?? 'shoestring',
        services: props.services,
        metrics: settings.metrics,
        alarms: this.alarms.alarms,
        httpApi: props.httpApi,
        database: props.database,
      });
    } else {
      this.grafana = new GrafanaWorkspace(this, 'Grafana');
    }
  }

  /** Alarms always have an action (Control Tower CT.CLOUDWATCH.PR.1); an unsubscribed topic is a synth warning. */
  private createAlarmTopic(email: string | undefined): sns.Topic {
    const topic = new sns.Topic(this, 'AlarmTopic', { displayName: 'Shoestring alarms', enforceSSL: true });
    if (email) topic.addSubscription(new subscriptions.EmailSubscription(email));
    else {
      Annotations.of(topic).addWarningV2(
        'shoestring:alarm-topic-unsubscribed',
        'Nobody is subscribed to the alarm topic: set observability.alarmEmail, or subscribe to the topic (stack output ObservabilityAlarmTopicArn, parameter observability/alarm-topic-arn).',
      );
    }
    acknowledge(topic, [
      {
        id: 'AwsSolutions-SNS2',
        reason:
          'Alarm notices carry no customer data; a KMS key would cost $1/mo and need a key policy for CloudWatch and AMP to publish.',
      },
    ]);
    return topic;
  }

  private createPrometheus(props: ObservabilityProps): PrometheusBackend {
    const backend = new PrometheusBackend(this, 'Prometheus', {
      thresholds: props.settings.alarms,
      alarmTopic: this.alarmTopic,
    });
    for (const { service } of props.services) backend.connectCollector(service.taskDefinition);
    return backend;
  }
}
