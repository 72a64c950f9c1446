import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { describe, expect, it } from 'vitest';
import { stageDefaults } from '../../src/config/index.ts';
import { prometheusAlertRules, prometheusRuleFile } from '../../src/constructs/observability/index.ts';
import { synthObservability } from './fixture.ts';

const DEFAULT_THRESHOLDS = stageDefaults('dev', {}).observability.alarms;

function alarmsOf(template: Template): Record<string, { Properties: Record<string, unknown> }> {
  return template.findResources('AWS::CloudWatch::Alarm') as Record<
    string,
    { Properties: Record<string, unknown> }
  >;
}

function alarmFor(template: Template, descriptionStart: string): Record<string, unknown> {
  const match = Object.values(alarmsOf(template)).find((alarm) =>
    String(alarm.Properties.AlarmDescription).startsWith(descriptionStart),
  );
  if (!match) throw new Error(`no alarm whose description starts with "${descriptionStart}"`);
  return match.Properties;
}

describe('Observability defaults (metrics and dashboards "cloudwatch", no alarm email)', () => {
  // GIVEN a stage with no observability settings WHEN it synthesizes
  const template = Template.fromStack(synthObservability().stack);

  it('creates no AMP workspace and no Grafana workspace', () => {
    // THEN nothing that bills while idle beyond the alarms
    template.resourceCountIs('AWS::APS::Workspace', 0);
    template.resourceCountIs('AWS::Grafana::Workspace', 0);
  });

  it('still gives every alarm an action: the alarm topic, with a synth warning that nobody is subscribed', () => {
    // THEN one topic without subscriptions, notified by every alarm and on recovery
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    for (const alarm of Object.values(alarmsOf(template))) {
      expect(alarm.Properties.AlarmActions).toHaveLength(1);
      expect(alarm.Properties.OKActions).toHaveLength(1);
    }
    Annotations.fromStack(synthObservability().stack).hasWarning(
      '*',
      Match.stringLikeRegexp('Nobody is subscribed to the alarm topic: set observability.alarmEmail'),
    );
  });

  it('creates one CloudWatch dashboard named after the stage', () => {
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'shop-dev' });
  });

  it('charts API Gateway, the service, RDS, the EMF metrics of the collector and every alarm on the dashboard', () => {
    const body = JSON.stringify(template.findResources('AWS::CloudWatch::Dashboard'));
    for (const expected of [
      'IntegrationLatency',
      'MemoryUtilization',
      'FreeStorageSpace',
      'db_pool_requests_waiting',
    ]) {
      expect(body).toContain(expected);
    }
    expect(body).toContain("SEARCH('{Shoestring,service}");
    expect(body.match(/ObservabilityAlarms\w+","Arn"/g)).toHaveLength(8);
  });

  it('creates the 8 alarms of the issue, each naming its runbook entry', () => {
    const alarms = Object.values(alarmsOf(template));
    expect(alarms).toHaveLength(8);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmDescription).toMatch(
        /Runbook: docs\/observability\.md#runbook-[a-z0-9-]+$/,
      );
    }
  });

  it('alarms on the 5xx percentage of API Gateway requests at the default 1%', () => {
    const alarm = alarmFor(template, 'More than 1% of API requests answered 5xx');
    expect(alarm.Threshold).toBe(1);
    expect(JSON.stringify(alarm.Metrics)).toContain('IF(requests > 0, 100 * errors / requests, 0)');
  });

  it('alarms on p99 integration latency at the default 1500 ms', () => {
    const alarm = alarmFor(template, 'API p99 integration latency above 1500 ms');
    expect(alarm).toMatchObject({
      Threshold: 1500,
      ExtendedStatistic: 'p99',
      MetricName: 'IntegrationLatency',
    });
  });

  it('treats a service that reports no CPU samples as having zero running tasks', () => {
    const alarm = alarmFor(template, 'Service api has had no running (healthy) task');
    expect(alarm).toMatchObject({
      MetricName: 'CPUUtilization',
      Namespace: 'AWS/ECS',
      Statistic: 'SampleCount',
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      TreatMissingData: 'breaching',
    });
  });

  it('alarms on task CPU and memory at 85% and on RDS CPU, free storage and connections', () => {
    expect(alarmFor(template, 'Service api CPU above 85%')).toMatchObject({
      Threshold: 85,
      MetricName: 'CPUUtilization',
    });
    expect(alarmFor(template, 'Service api memory above 85%')).toMatchObject({
      MetricName: 'MemoryUtilization',
    });
    expect(alarmFor(template, 'RDS CPU above 80%')).toMatchObject({ Namespace: 'AWS/RDS', Threshold: 80 });
    expect(alarmFor(template, 'RDS free storage below 2 GB')).toMatchObject({
      MetricName: 'FreeStorageSpace',
      Threshold: 2 * 1024 ** 3,
      ComparisonOperator: 'LessThanThreshold',
    });
    expect(alarmFor(template, 'More than 60 RDS connections')).toMatchObject({
      MetricName: 'DatabaseConnections',
    });
  });
});

describe('Observability from config', () => {
  it('takes every threshold from observability.alarms', () => {
    // GIVEN custom thresholds WHEN synthesized
    const template = Template.fromStack(
      synthObservability({ alarms: { http5xxPercent: 5, p99LatencyMs: 800, rdsFreeStorageGb: 10 } }).stack,
    );
    // THEN the alarms use them
    expect(alarmFor(template, 'More than 5% of API requests').Threshold).toBe(5);
    expect(alarmFor(template, 'API p99 integration latency above 800 ms').Threshold).toBe(800);
    expect(alarmFor(template, 'RDS free storage below 10 GB').Threshold).toBe(10 * 1024 ** 3);
  });

  it('emails alarmEmail through an SNS topic on every alarm and on recovery', () => {
    // GIVEN an alarm email WHEN synthesized
    const template = Template.fromStack(synthObservability({ alarmEmail: 'ops@example.com' }).stack);
    // THEN one TLS-only topic with the email subscription, and each alarm notifies it
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
    for (const alarm of Object.values(alarmsOf(template))) {
      expect(alarm.Properties.AlarmActions).toHaveLength(1);
      expect(alarm.Properties.OKActions).toHaveLength(1);
    }
    Annotations.fromStack(synthObservability({ alarmEmail: 'ops@example.com' }).stack).hasNoWarning(
      '*',
      Match.stringLikeRegexp('Nobody is subscribed'),
    );
  });

  it('with metrics "prometheus": an AMP workspace with the PromQL alert rules, and each sidecar remote-writes to it', () => {
    // GIVEN the prometheus backend WHEN synthesized
    const { stack } = synthObservability({ metrics: 'prometheus' });
    const template = Template.fromStack(stack);
    // THEN the workspace and the rule group exist
    template.resourceCountIs('AWS::APS::Workspace', 1);
    template.hasResourceProperties('AWS::APS::RuleGroupsNamespace', {
      Name: 'shoestring',
      Data: prometheusRuleFile(prometheusAlertRules(DEFAULT_THRESHOLDS)),
    });
    // AND the collector gets the remote-write URL and the region its SigV4 signer needs
    const task = Object.values(template.findResources('AWS::ECS::TaskDefinition'))[0]!;
    const collector = (
      task.Properties.ContainerDefinitions as { Name: string; Environment: { Name: string }[] }[]
    ).find((container) => container.Name === 'otel-collector')!;
    expect(collector.Environment.map((variable) => variable.Name)).toEqual(
      expect.arrayContaining(['AMP_REMOTE_WRITE_URL', 'AWS_REGION', 'AOT_CONFIG_CONTENT']),
    );
    // AND the task role may write to that workspace only
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).toContain('aps:RemoteWrite');
    expect(policies).toMatch(
      /"aps:RemoteWrite","Effect":"Allow","Resource":\{"Fn::GetAtt":\["ObservabilityPrometheusWorkspace\w+","Arn"\]\}/,
    );
  });

  it('with metrics "prometheus" and an alarm email: AMP alert manager publishes to the topic, allowed by its policy', () => {
    const template = Template.fromStack(
      synthObservability({ metrics: 'prometheus', alarmEmail: 'ops@example.com' }).stack,
    );
    const workspace = Object.values(template.findResources('AWS::APS::Workspace'))[0]!;
    expect(JSON.stringify(workspace.Properties.AlertManagerDefinition)).toContain('sns_configs');
    expect(JSON.stringify(template.findResources('AWS::SNS::TopicPolicy'))).toContain('aps.amazonaws.com');
  });

  it('with dashboards "grafana": a Managed Grafana workspace reading AMP and CloudWatch, and no CloudWatch dashboard', () => {
    const template = Template.fromStack(
      synthObservability({ dashboards: 'grafana', metrics: 'prometheus' }).stack,
    );
    template.hasResourceProperties('AWS::Grafana::Workspace', {
      AccountAccessType: 'CURRENT_ACCOUNT',
      PermissionType: 'SERVICE_MANAGED',
      DataSources: ['PROMETHEUS', 'CLOUDWATCH'],
    });
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
  });

  it('with metrics "prometheus" and the CloudWatch dashboard: no EMF widgets, since nothing writes EMF', () => {
    const template = Template.fromStack(synthObservability({ metrics: 'prometheus' }).stack);
    const body = JSON.stringify(template.findResources('AWS::CloudWatch::Dashboard'));
    expect(body).toContain('IntegrationLatency');
    expect(body).not.toContain('SEARCH(');
  });

  it('refuses to connect AMP to a task definition without the ADOT sidecar, naming the fix', () => {
    const { observability, stack } = synthObservability({ metrics: 'prometheus' });
    const bare = new ecs.FargateTaskDefinition(stack, 'BareTask');
    expect(() => observability.prometheus?.connectCollector(bare)).toThrow(
      /has no "otel-collector" container; add the ADOT sidecar/,
    );
  });
});

describe('cdk-nag', () => {
  it.each([
    ['defaults', {}],
    [
      'prometheus, grafana and an alarm email',
      { metrics: 'prometheus', dashboards: 'grafana', alarmEmail: 'ops@example.com' },
    ],
  ] as const)('AwsSolutionsChecks finds nothing unacknowledged (%s)', (_name, settings) => {
    const { app } = synthObservability(settings, true);
    expect(() => app.synth()).not.toThrow();
  });
});
