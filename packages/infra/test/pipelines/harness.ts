import { type App, type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { createApp } from '../../src/cdk-app.ts';
import { resolveStage } from '../../src/config/index.ts';
import type { ShoestringConfigInput, StageConfig } from '../../src/config/types.ts';
import { Database } from '../../src/constructs/database.ts';
import { Network } from '../../src/constructs/network.ts';
import { migrationDatabaseOf, networkTargetsOf, PipelineStack } from '../../src/stacks/pipeline-stack.ts';

export const CONNECTION_ARN =
  'arn:aws:codeconnections:us-east-1:123456789012:connection/11111111-2222-3333-4444-555555555555';

/**
 * A synthesized buildspec as text. Buildspecs that carry tokens (a repository URI, the database host) are
 * `Fn::Join`s in the template; each token becomes `<token>`, which is enough to parse and inspect them.
 */
export function buildSpecText(buildSpec: unknown): string {
  if (typeof buildSpec === 'string') return buildSpec;
  const [separator, parts] = (buildSpec as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
  return parts.map((part) => (typeof part === 'string' ? part : '<token>')).join(separator);
}

export interface CfnAction {
  Name: string;
  RunOrder: number;
  ActionTypeId: { Category: string; Provider: string };
  Configuration: Record<string, string>;
  InputArtifacts?: { Name: string }[];
}
export interface CfnPipeline {
  Name: string;
  PipelineType: string;
  Stages: { Name: string; Actions: CfnAction[] }[];
}
/** A cross-stack reference as the consuming template holds it. */
/** A cross-stack reference: weak (`@aws-cdk/core:defaultCrossStackReferences`), read from the producer's output. */
export type CfnImport = { 'Fn::GetStackOutput': { StackName: string; OutputName: string } };
/** Where the harness says the runtime publishes the NAT instance's id (RuntimeStack: `<prefix>/network/nat-instance-id`). */
export const NAT_INSTANCE_PARAMETER = '/shop/dev/network/nat-instance-id';
export interface CfnProject {
  Environment: Record<string, unknown> & { EnvironmentVariables?: { Name: string; Type: string }[] };
  Source: { BuildSpec: unknown };
  VpcConfig?: { Subnets: CfnImport[]; SecurityGroupIds: CfnImport[] };
}

/** The properties of every resource of a type, typed by the caller. */
export function propertiesOf<T>(template: Template, type: string): T[] {
  return Object.values(template.findResources(type) as Record<string, { Properties: T }>).map(
    (r) => r.Properties,
  );
}

/** The logical id of a construct's CloudFormation resource in its stack. */
export function logicalIdOf(construct: IConstruct): string {
  const stack = Stack.of(construct);
  return stack.resolve(
    stack.getLogicalId((construct.node.defaultChild ?? construct) as CfnElement),
  ) as string;
}

export interface Harness {
  app: App;
  runtime: Stack;
  pipeline: PipelineStack;
  network: Network;
  database: Database;
  config: StageConfig;
}

/**
 * The pipeline stack against a runtime stand-in built from the real Network and Database constructs (so the
 * subnets, the NAT route and the RDS ingress rules under test are the ones the runtime stack deploys) plus a
 * minimal ECS service and ECR repository.
 */
export function synthPipelines(
  stage = 'dev',
  overrides: ShoestringConfigInput['shared'] = {},
  nag = false,
): Harness {
  const config = resolveStage(
    {
      project: 'shop',
      shared: {
        ...overrides,
        pipeline: { connectionArn: CONNECTION_ARN, repository: 'acme/shop', ...overrides.pipeline },
      },
    },
    stage,
    { account: '123456789012', region: 'us-east-1' },
  );
  const app = createApp();
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const env = { account: config.account, region: config.region };
  const runtime = new Stack(app, 'Runtime', { env });
  const network = new Network(runtime, 'Network', {
    availabilityZones: config.network.availabilityZones,
    buildEgress: config.network.buildEgress,
  });
  const database = new Database(runtime, 'Database', {
    vpc: network.vpc,
    subnets: { subnetGroupName: 'database' },
    parameterPrefix: `/${config.project}/${config.stage}`,
    allowFrom: [network.migrationSecurityGroup],
    secretStore: config.secrets.store,
  });
  const repository = new ecr.Repository(runtime, 'Repository');
  const cluster = new ecs.Cluster(runtime, 'Cluster', { vpc: network.vpc });
  const service = apiService(runtime, cluster, network);
  database.allowFrom(service.connections.securityGroups[0]!, 'API service');
  const pipeline = new PipelineStack(app, 'Pipelines', {
    env,
    config,
    targets: {
      ...networkTargetsOf(network),
      natInstanceParameter: network.natInstance ? NAT_INSTANCE_PARAMETER : undefined,
      database: migrationDatabaseOf(database),
      repository,
      services: [{ name: 'api', service, containerName: 'api' }],
      cluster,
    },
  });
  return { app, runtime, pipeline, network, database, config };
}

function apiService(runtime: Stack, cluster: ecs.Cluster, network: Network): ecs.FargateService {
  const task = new ecs.FargateTaskDefinition(runtime, 'Task', {
    runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.ARM64 },
  });
  task.addContainer('api', {
    containerName: 'api',
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx'),
  });
  return new ecs.FargateService(runtime, 'Service', {
    cluster,
    taskDefinition: task,
    assignPublicIp: true,
    vpcSubnets: network.publicSubnets,
  });
}
