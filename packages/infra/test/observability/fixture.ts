import { type App, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import { AwsSolutionsChecks } from 'cdk-nag';
import { createApp } from '../../src/cdk-app.ts';
import { resolveStage } from '../../src/config/index.ts';
import type { StageSettingsInput } from '../../src/config/types.ts';
import { acknowledge } from '../../src/constructs/acknowledge.ts';
import { addAdotCollector } from '../../src/constructs/adot-collector.ts';
import { Observability, readObservabilityCollectorConfig } from '../../src/constructs/observability/index.ts';

export interface ObservabilityFixture {
  readonly app: App;
  readonly stack: Stack;
  readonly observability: Observability;
  readonly taskDefinition: ecs.FargateTaskDefinition;
}

/**
 * The Observability construct as a stage's config drives it, over stand-ins for what the runtime stack gives it:
 * one Fargate service with the real ADOT sidecar (`addAdotCollector`), an HTTP API and an RDS instance.
 * `nag` runs cdk-nag's AwsSolutionsChecks on synth; the stand-ins' own findings are acknowledged as fixture-only.
 */
export function synthObservability(
  observability: StageSettingsInput['observability'] = {},
  nag = false,
): ObservabilityFixture {
  const config = resolveStage({ project: 'shop', shared: { observability } }, 'dev', {
    account: '123456789012',
    region: 'us-east-1',
  });
  const app = createApp();
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new Stack(app, 'Runtime', { env: { account: config.account, region: config.region } });
  const standIns = stack;
  const vpc = new ec2.Vpc(standIns, 'Vpc', { maxAzs: 2, natGateways: 0 });
  const cluster = new ecs.Cluster(standIns, 'Cluster', { vpc });
  const taskDefinition = new ecs.FargateTaskDefinition(standIns, 'Task');
  taskDefinition.addContainer('api', { image: ecs.ContainerImage.fromRegistry('shop/api') });
  addAdotCollector(taskDefinition, {
    config: readObservabilityCollectorConfig(config.observability.metrics),
    logGroup: new logs.LogGroup(standIns, 'Logs'),
    metricsLogGroup: new logs.LogGroup(standIns, 'MetricsLogs'),
    serviceName: 'api',
  });
  const service = new ecs.FargateService(standIns, 'Service', {
    cluster,
    taskDefinition,
    assignPublicIp: true,
  });
  const httpApi = new apigw.HttpApi(standIns, 'HttpApi');
  const database = rds.DatabaseInstance.fromDatabaseInstanceAttributes(standIns, 'Database', {
    instanceIdentifier: 'shop-dev-db',
    instanceEndpointAddress: 'db.example.internal',
    port: 5432,
    securityGroups: [],
  });
  const construct = new Observability(stack, 'Observability', {
    settings: config.observability,
    services: [{ name: 'api', service }],
    httpApi,
    database,
    dashboardName: 'shop-dev',
  });
  if (nag) acknowledgeStandIns([vpc, cluster, taskDefinition, service, httpApi]);
  return { app, stack, observability: construct, taskDefinition };
}

function acknowledgeStandIns(scopes: readonly Parameters<typeof acknowledge>[0][]): void {
  const reason =
    'Test stand-in for a resource the runtime stack owns and checks; not part of the Observability construct.';
  for (const scope of scopes) {
    acknowledge(
      scope,
      [
        'AwsSolutions-VPC7',
        'AwsSolutions-ECS2',
        'AwsSolutions-ECS4',
        'AwsSolutions-ECS7',
        'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        'AwsSolutions-APIG1',
        'AwsSolutions-APIG4',
        'AwsSolutions-EC23',
      ].map((id) => ({ id, reason })),
    );
  }
}
