import { Stack } from 'aws-cdk-lib';
import * as aps from 'aws-cdk-lib/aws-aps';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { AlarmThresholds } from '../../config/types.ts';
import { prometheusAlertRules, prometheusRuleFile } from './alert-rules.ts';

/** Name of the ADOT collector container `addAdotCollector` adds to each task. */
export const COLLECTOR_CONTAINER_NAME = 'otel-collector';

export interface PrometheusBackendProps {
  /** Thresholds of the PromQL alert rules AMP evaluates. */
  readonly thresholds: AlarmThresholds;
  /**
   * Topic AMP's alert manager publishes firing alerts to.
   * @default - no alert manager; the rules still evaluate and show in Grafana
   */
  readonly alarmTopic?: sns.ITopic;
}

/**
 * The `prometheus` metrics backend: an Amazon Managed Prometheus workspace the ADOT sidecars remote-write to,
 * with the PromQL alert rules of `alert-rules.ts` and, when a topic is given, an alert manager that sends to it.
 *
 * ### Cost
 * No fixed charge: $0.90 per 10 M samples ingested, $0.03 per GB-mo stored (AMP pricing, rates unconfirmed,
 * 2026; a 40 M-sample free tier does not apply to accounts on credits). One task scraped every 60 s with about
 * 300 series ingests 13 M samples a month: 1.3 x $0.90 = $1.18. The rule group's queries are billed per sample
 * processed, cents a month at this size. `shoestring cost` prices the workspace from the usage profile.
 */
export class PrometheusBackend extends Construct {
  /** The AMP workspace. */
  public readonly workspace: aps.CfnWorkspace;
  /** The URL the collectors remote-write to. */
  public readonly remoteWriteUrl: string;

  constructor(scope: Construct, id: string, props: PrometheusBackendProps) {
    super(scope, id);
    this.workspace = new aps.CfnWorkspace(this, 'Workspace', {
      alias: `${Stack.of(this).stackName}-metrics`,
      ...(props.alarmTopic ? { alertManagerDefinition: alertManagerDefinition(props.alarmTopic, this) } : {}),
    });
    // The endpoint ends with a slash: https://aps-workspaces.<region>.amazonaws.com/workspaces/ws-.../
    this.remoteWriteUrl = `${this.workspace.attrPrometheusEndpoint}api/v1/remote_write`;
    new aps.CfnRuleGroupsNamespace(this, 'AlertRules', {
      workspace: this.workspace.attrArn,
      name: 'shoestring',
      data: prometheusRuleFile(prometheusAlertRules(props.thresholds)),
    });
    if (props.alarmTopic) allowAmpToPublish(props.alarmTopic, this.workspace);
  }

  /** Points a task's ADOT collector at the workspace and lets the task role remote-write to it. */
  connectCollector(taskDefinition: ecs.TaskDefinition): void {
    const collector = taskDefinition.findContainer(COLLECTOR_CONTAINER_NAME);
    if (!collector) {
      throw new Error(
        `Observability: task definition ${taskDefinition.node.path} has no "${COLLECTOR_CONTAINER_NAME}" container; add the ADOT sidecar (addAdotCollector) before connecting it to AMP.`,
      );
    }
    collector.addEnvironment('AMP_REMOTE_WRITE_URL', this.remoteWriteUrl);
    collector.addEnvironment('AWS_REGION', Stack.of(this).region);
    taskDefinition.addToTaskRolePolicy(
      new iam.PolicyStatement({ actions: ['aps:RemoteWrite'], resources: [this.workspace.attrArn] }),
    );
  }
}

function alertManagerDefinition(topic: sns.ITopic, scope: Construct): string {
  return [
    'alertmanager_config: |',
    '  route:',
    '    receiver: sns',
    '    group_by: [alertname]',
    '  receivers:',
    '    - name: sns',
    '      sns_configs:',
    `        - topic_arn: ${topic.topicArn}`,
    '          sigv4:',
    `            region: ${Stack.of(scope).region}`,
  ].join('\n');
}

function allowAmpToPublish(topic: sns.ITopic, workspace: aps.CfnWorkspace): void {
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('aps.amazonaws.com')],
      actions: ['sns:Publish', 'sns:GetTopicAttributes'],
      resources: [topic.topicArn],
      conditions: { ArnEquals: { 'aws:SourceArn': workspace.attrArn } },
    }),
  );
}
