import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type { Construct } from 'constructs';
import { SERVICE_DEFAULTS } from '../config/defaults.ts';
import type { Architecture, StageConfig } from '../config/types.ts';
import type { Database } from '../constructs/database.ts';
import { NAT_INSTANCE_TAG, type Network } from '../constructs/network.ts';
import { BackendPipeline, type DeployTarget } from '../constructs/pipelines/backend-pipeline.ts';
import type { MigrationDatabase } from '../constructs/pipelines/migration-build.ts';
import { type SiteParameterNames, SitePipeline } from '../constructs/pipelines/site-pipeline.ts';
import { createArtifactBucket } from '../constructs/pipelines/source.ts';
import { deployedTagParameter } from '../images.ts';
import { hasUserPool, parameterPrefix, type RuntimeStack, stageTags } from './runtime-stack.ts';

/** What the pipelines deliver to: the runtime stack's network, database, image repository and services. */
export interface PipelineTargets {
  readonly vpc: ec2.IVpc;
  /** Private subnets of the migration build. */
  readonly buildSubnets: ec2.SubnetSelection;
  readonly migrationSecurityGroup: ec2.ISecurityGroup;
  /**
   * SSM parameter with the id of the build subnets' NAT instance, when `network.buildEgress` is `nat-instance`.
   * Never the id itself: a new AMI replaces the instance, and a stack holding its id would go stale.
   */
  readonly natInstanceParameter?: string;
  readonly database: MigrationDatabase;
  readonly repository: ecr.IRepository;
  readonly services: readonly DeployTarget[];
  /** Cluster and public subnets of the Fargate migration runner (`migrations.runner: 'fargate-task'`). */
  readonly cluster?: ecs.ICluster;
  readonly publicSubnets?: ec2.SubnetSelection;
}

export interface PipelineStackProps extends StackProps {
  readonly config: StageConfig;
  readonly targets: PipelineTargets;
  /** @default `/<project>/<stage>/site/bucket-name` and `/<project>/<stage>/site/distribution-id` */
  readonly siteParameters?: SiteParameterNames;
}

/**
 * The stage's two pipelines, both triggered by pushes to the stage's branch: the site (build and upload) and the
 * backend (image, migration, ECS deploy). Synthesized only when `pipeline.connectionArn` is set.
 */
export class PipelineStack extends Stack {
  public readonly site: SitePipeline;
  public readonly backend: BackendPipeline;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    const { config, targets } = props;
    const connectionArn = config.pipeline.connectionArn;
    if (!connectionArn) {
      throw new Error(
        `PipelineStack (${config.stage}): pipeline.connectionArn is not set. Create a CodeStar connection to your ` +
          'git host and put its ARN in shoestring.config.ts, or leave the pipeline stack out.',
      );
    }
    const name = `${config.project}-${config.stage}`;
    const artifactBucket = createArtifactBucket(this, 'Artifacts');
    const logRetentionDays = config.observability.logRetentionDays;
    this.site = new SitePipeline(this, 'Site', {
      settings: config.pipeline,
      connectionArn,
      parameters: props.siteParameters ?? defaultSiteParameters(config),
      artifactBucket,
      pipelineName: `${name}-site`,
      logRetentionDays,
      siteUrl: config.edge.domain ? `https://${config.edge.domain.name}` : undefined,
    });
    this.backend = new BackendPipeline(this, 'Backend', {
      settings: config.pipeline,
      migrations: config.migrations,
      connectionArn,
      artifactBucket,
      pipelineName: backendPipelineName(config),
      logRetentionDays,
      repository: targets.repository,
      architecture: serviceArchitecture(config),
      services: targets.services,
      vpc: targets.vpc,
      buildSubnets: targets.buildSubnets,
      migrationSecurityGroup: targets.migrationSecurityGroup,
      database: targets.database,
      natInstance:
        switchesNat(config) && targets.natInstanceParameter
          ? { parameter: targets.natInstanceParameter, tags: natInstanceTags(config) }
          : undefined,
      manualApproval: config.stage === 'prod' && config.pipeline.manualApprovalBeforeProd,
      fargateRunner: fargateRunner(config, targets),
      offlineBuildSubnets: config.network.buildEgress === 'endpoints',
      deployedTagParameter: deployedTagParameter(parameterPrefix(config)),
    });
    this.publishOutputs(artifactBucket.bucketName);
  }

  /** What the runbook (docs/operations.md) asks operators to look up. */
  private publishOutputs(artifactBucketName: string): void {
    new CfnOutput(this, 'ArtifactBucketName', {
      value: artifactBucketName,
      description: 'Pipeline artifacts: Source zips, MigrationSql (update.sql, history.txt)',
    });
    new CfnOutput(this, 'MigrationProjectName', {
      value: this.backend.migration.project.projectName,
      description: 'CodeBuild project of the migrate action (start it with MIGRATE_ONLY to run one command)',
    });
  }
}

/** `shoestring-dev-backend`: the stage's backend pipeline (`npm run deploy` follows its first run). */
export function backendPipelineName(config: Pick<StageConfig, 'project' | 'stage'>): string {
  return `${config.project}-${config.stage}-backend`;
}

export function defaultSiteParameters(config: StageConfig): SiteParameterNames {
  const prefix = parameterPrefix(config);
  const signIn = hasUserPool(config)
    ? {
        siteUrl: `${prefix}/site/url`,
        issuer: `${prefix}/auth/issuer`,
        clientId: `${prefix}/auth/client-id`,
        hostedUiUrl: `${prefix}/auth/hosted-ui-url`,
      }
    : undefined;
  return {
    bucketName: `${prefix}/site/bucket-name`,
    distributionId: `${prefix}/site/distribution-id`,
    ...(signIn ? { signIn } : {}),
  };
}

function fargateRunner(config: StageConfig, targets: PipelineTargets) {
  if (config.migrations.runner !== 'fargate-task') return undefined;
  if (!targets.cluster || !targets.publicSubnets) {
    throw new Error(
      `PipelineStack (${config.stage}): migrations.runner 'fargate-task' needs the cluster and public subnets ` +
        'in the pipeline targets.',
    );
  }
  return { cluster: targets.cluster, subnets: targets.publicSubnets };
}

/** The NAT instance is switched only when the migration runs behind it and the config does not keep it on. */
function switchesNat(config: StageConfig): boolean {
  return (
    config.network.buildEgress === 'nat-instance' &&
    config.migrations.runner === 'codebuild-vpc' &&
    !config.pipeline.natAlwaysOn
  );
}

/** The tags of the stage's NAT instance: its role, set by the network, and the stage's, set by the runtime stack. */
function natInstanceTags(config: StageConfig): Record<string, string> {
  return { [NAT_INSTANCE_TAG.key]: NAT_INSTANCE_TAG.value, ...stageTags(config) };
}

/** One image serves every service; the config's validation makes sure they share an architecture. */
function serviceArchitecture(config: StageConfig): Architecture {
  return Object.values(config.services)[0]?.architecture ?? SERVICE_DEFAULTS.architecture;
}

/**
 * The pipelines of a runtime stack's stage, wired to its network, database, repository and services, and to the
 * SSM parameters it publishes for the site. Returns undefined when the stage has no `pipeline.connectionArn`.
 */
export function addPipelineStack(scope: Construct, runtime: RuntimeStack): PipelineStack | undefined {
  const { config, network, database, compute, outputs } = runtime;
  if (!config.pipeline.connectionArn) return undefined;
  const parameter = (key: string) => {
    const name = outputs.parameterNames.get(key);
    if (!name) throw new Error(`PipelineStack: the runtime stack publishes no "${key}" parameter.`);
    return name;
  };
  return new PipelineStack(scope, `${config.project}-${config.stage}-pipelines`, {
    env: { account: config.account, region: config.region },
    description: `Shoestring ${config.stage}: site and backend pipelines`,
    config,
    siteParameters: {
      bucketName: parameter('site/bucket-name'),
      distributionId: parameter('site/distribution-id'),
      ...(runtime.signIn
        ? {
            signIn: {
              siteUrl: parameter('site/url'),
              issuer: parameter('auth/issuer'),
              clientId: parameter('auth/client-id'),
              hostedUiUrl: parameter('auth/hosted-ui-url'),
            },
          }
        : {}),
    },
    targets: {
      ...networkTargetsOf(network),
      natInstanceParameter: network.natInstance ? parameter('network/nat-instance-id') : undefined,
      database: migrationDatabaseOf(database),
      repository: compute.repository,
      cluster: compute.cluster,
      services: [...compute.services].map(([name, api]) => ({
        name,
        service: api.service,
        containerName: api.container.containerName,
      })),
    },
  });
}

/** How the migration reaches the runtime stack's database: coordinates and the password's reference. */
export function migrationDatabaseOf(database: Database): MigrationDatabase {
  return {
    host: database.instance.dbInstanceEndpointAddress,
    port: database.instance.dbInstanceEndpointPort,
    name: database.databaseName,
    username: database.username,
    secretStore: database.secretStore,
    credentialReference: database.credentialReference,
  };
}

/** The runtime network's parts the pipelines use: the build and public subnets, the migration security group. */
export function networkTargetsOf(network: Network) {
  return {
    vpc: network.vpc,
    buildSubnets: network.buildSubnets,
    publicSubnets: network.publicSubnets,
    migrationSecurityGroup: network.migrationSecurityGroup,
  };
}
