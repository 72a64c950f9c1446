import { describe, expect, it } from 'vitest';
import { declaredEmfMetrics } from '../../../src/cost/bill/pricers/metrics.ts';
import { billOf, fixtureTemplate, lineOf } from '../fixture.ts';

const COLLECTOR = `
exporters:
  awsxray: {}
  awsemf:
    namespace: Shoestring
    dimension_rollup_option: NoDimensionRollup
    metric_declarations:
      - dimensions: [[service]]
        metric_name_selectors:
          - ^http_requests_total$
          - ^http_request_duration_seconds$
      - dimensions: [[service], [service, route]]
        metric_name_selectors:
          - ^db_query_duration_seconds$
service:
  pipelines:
    metrics:
      receivers: [prometheus]
      exporters: [awsemf]
`;

/** The fixture with an alarm on a metric math expression, target tracking and an ADOT collector config. */
function observedTemplate(collector: string) {
  const t = fixtureTemplate();
  t.Resources.Alarm0!.Properties = {
    Metrics: [
      { Id: 'rate', Expression: 'errors / requests' },
      {
        Id: 'errors',
        MetricStat: { Metric: { Namespace: 'AWS/ApiGateway', MetricName: '5xx' }, Period: 60, Stat: 'Sum' },
      },
      {
        Id: 'requests',
        MetricStat: { Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Count' }, Period: 60, Stat: 'Sum' },
      },
    ],
  };
  for (const metric of ['Cpu', 'Memory']) {
    t.Resources[`Target${metric}`] = {
      Type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
      Properties: { PolicyType: 'TargetTrackingScaling', ScalingTargetId: { Ref: 'ScalableTarget' } },
    };
  }
  const containers = t.Resources.TaskDef!.Properties.ContainerDefinitions as Array<Record<string, unknown>>;
  containers[1]!.Environment = [{ Name: 'AOT_CONFIG_CONTENT', Value: collector }];
  return t;
}

describe('declaredEmfMetrics', () => {
  it('counts each selector once per dimension set of its declaration: 2 x 1 + 1 x 2 = 4', () => {
    expect(declaredEmfMetrics(COLLECTOR)).toEqual([
      'Shoestring/http_requests_total#0',
      'Shoestring/http_request_duration_seconds#0',
      'Shoestring/db_query_duration_seconds#0',
      'Shoestring/db_query_duration_seconds#1',
    ]);
  });
});

describe('alarms and custom metrics', () => {
  it('bills a metric math alarm per metric and two alarms per target tracking policy', () => {
    // 4 single-metric alarms + 1 alarm reading 2 metrics + 2 policies x 2 = 10 alarm metrics, all free
    const bill = billOf(observedTemplate(COLLECTOR));
    expect(lineOf(bill, 'CloudWatch alarms')).toMatchObject({
      item: 'CloudWatch alarms x9 (10 alarm metrics, 4 made by target tracking)',
      usd: 0,
    });
  });

  it('prices the EMF metrics of the collector config, and every series when it declares none', () => {
    expect(lineOf(billOf(observedTemplate(COLLECTOR)), 'CloudWatch custom metrics')).toMatchObject({
      item: 'CloudWatch custom metrics x4',
      usd: 0,
    });
    const undeclared = COLLECTOR.replace(/ {4}metric_declarations:[\s\S]*?(?=service:)/, '');
    // 500 series - 10 free = 490 x $0.30
    const line = lineOf(billOf(observedTemplate(undeclared)), 'CloudWatch custom metrics');
    expect(line).toMatchObject({ item: 'CloudWatch custom metrics x500', usd: 147 });
    expect(line.how).toContain('awsemf without metric_declarations exports every series');
  });
});
