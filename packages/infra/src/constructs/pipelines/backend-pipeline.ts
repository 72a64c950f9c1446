import { Validations } from 'aws-cdk-lib';
import type * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { Architecture, MigrationSettings, PipelineSettings } from '../../config/types.ts';
import { createBuildProject } from './build-project.ts';
import { buildspecFor } from './buildspec.ts';
import { MigrationBuild, type MigrationDatabase } from './migration-build.ts';
import { BUILD_NAMESPACE, BUILD_VARIABLES } from './migration-image.ts';
import { MigrationTask } from './migration-task.ts';
import { acknowledgeWildcards } from './nag.ts';
import { NatSwitch } from './nat-switch.ts';
import { RecordTag } from './record-tag.ts';
import { createPipeline, type GitSource, gitSource } from './source.ts';

/** A Fargate service the pipeline deploys the new image to. */
export interface DeployTarget {
  /** The service's name in the config (`api`, `catalog`): names its imagedefinitions file. */
  readonly name: string;
  readonly service: ecs.IBaseService;
  /** The container whose image is replaced. */
  readonly containerName: string;
}

export interface BackendPipelineProps {
  readonly settings: PipelineSettings;
  readonly migrations: MigrationSettings;
  readonly connectionArn: string;
  readonly artifactBucket: s3.IBucket;
  /** e.g. `shoestring-dev-backend` */
  readonly pipelineName: string;
  readonly logRetentionDays: number;
  /** Where the API image is pushed. */
  readonly repository: ecr.IRepository;
  /** The services' CPU architecture; the image is built on a matching CodeBuild host. */
  readonly architecture: Architecture;
  /** @default 'apps/api/Dockerfile' (built with the repository root as context) */
  readonly dockerfile?: string;
  readonly services: readonly DeployTarget[];
  readonly vpc: ec2.IVpc;
  /** Private subnets of the migration build. */
  readonly buildSubnets: ec2.SubnetSelection;
  readonly migrationSecurityGroup: ec2.ISecurityGroup;
  readonly database: MigrationDatabase;
  /**
   * The NAT instance of the build subnets, started before and stopped after each migration: the SSM parameter
   * holding its id and the tags it carries. @default - none
   */
  readonly natInstance?: { readonly parameter: string; readonly tags: Readonly<Record<string, string>> };
  /** A manual approval before the migration (the first step that changes the stage). @default false */
  readonly manualApproval?: boolean;
  /**
   * Runs the migration as a one-off Fargate task in these public subnets instead of CodeBuild in the VPC
   * (`migrations.runner: 'fargate-task'`). @default - CodeBuild in `buildSubnets` (the seed)
   */
  readonly fargateRunner?: { readonly cluster: ecs.ICluster; readonly subnets: ec2.SubnetSelection };
  /**
   * The build subnets have no internet access (interface endpoints only): the CodeBuild migration runs inside the
   * commit's migration image (`<repository>:<commit>-migrate`) instead of running `npm ci`. @default false
   */
  readonly offlineBuildSubnets?: boolean;
  /**
   * The SSM String parameter the Record stage writes the deployed tag to, after Deploy; the runtime template
   * resolves its image tag from it (`deployedTagParameter()`, ADR 0124).
   */
  readonly deployedTagParameter: string;
}

/** Stage names, in order; tests and the runbook refer to them. */
export const BACKEND_STAGES = ['Source', 'Build', 'Approve', 'Migrate', 'Deploy', 'Record'] as const;

/**
 * The backend's delivery: build and push the API image -> (approve) -> migrate the database from inside the VPC ->
 * deploy the image to every ECS service -> record its tag as the stage's deployed tag. A failed migration fails
 * the pipeline before Deploy, so the running tasks never meet a schema they were not built for; only a deployed
 * image is recorded, so a `cdk deploy` never runs one that was not approved and migrated.
 *
 * ### Cost
 * Per release: image build about 4 minutes of CodeBuild small ($0.005/min), migration about 5 minutes of medium
 * ($0.01/min), action minutes $0.002 each beyond 100 free (CodeBuild and CodePipeline pricing, 2026): roughly
 * $0.10 per release (`RecordTag` adds an action minute). ECR storage $0.10 per GB-month. Nothing else while idle;
 * see `NatSwitch` for the NAT.
 */
export class BackendPipeline extends Construct {
  public readonly pipeline: codepipeline.Pipeline;
  public readonly imageBuild: codebuild.PipelineProject;
  /** The migrate action's CodeBuild project (the migration itself, or the Fargate task's runner). */
  public readonly migration: MigrationBuild | MigrationTask;
  /** Starts and stops the NAT instance around migrations. @default - none (no NAT instance, or always on) */
  public readonly natSwitch?: NatSwitch;
  /** Writes the deployed tag to `deployedTagParameter` (the Record stage). */
  public readonly recordTag: RecordTag;

  constructor(scope: Construct, id: string, props: BackendPipelineProps) {
    super(scope, id);
    validate(props);
    const source = gitSource(props.settings, props.connectionArn);
    const image = new codepipeline.Artifact('Image');
    this.imageBuild = this.createImageBuild(props);
    this.migration = this.createMigration(props);
    this.recordTag = new RecordTag(this, 'RecordTag', {
      parameterName: props.deployedTagParameter,
      logRetentionDays: props.logRetentionDays,
      repository: props.repository,
    });
    if (props.natInstance) {
      this.natSwitch = new NatSwitch(this, 'NatSwitch', {
        instanceParameter: props.natInstance.parameter,
        instanceTags: props.natInstance.tags,
        logRetentionDays: props.logRetentionDays,
      });
    }
    const build = this.buildAction(source, image);
    const migrationImage = props.fargateRunner !== undefined || props.offlineBuildSubnets === true;
    this.pipeline = createPipeline(this, {
      pipelineName: props.pipelineName,
      artifactBucket: props.artifactBucket,
      source,
      branch: props.settings.branch,
      // The site and the docs never change the image or the schema; anything else may.
      ignoredPaths: ['apps/web/**', 'docs/**', 'bench/**'],
      stages: [
        { stageName: 'Source', actions: [source.action] },
        { stageName: 'Build', actions: [build] },
        ...(props.manualApproval ? [{ stageName: 'Approve', actions: [approval(props.pipelineName)] }] : []),
        { stageName: 'Migrate', actions: this.migrateActions(source, build, migrationImage) },
        { stageName: 'Deploy', actions: props.services.map((target) => deployAction(target, image)) },
        // Its own stage: it runs only when every service's deployment succeeded.
        { stageName: 'Record', actions: [this.recordTag.action(build.variable(BUILD_VARIABLES.imageTag))] },
      ],
    });
    this.natSwitch?.stopAfterStage(this.pipeline, props.pipelineName, 'Migrate');
    this.acknowledgeActionRoles();
  }

  /** Wildcards CDK grants to action roles where the APIs take no resource ARN. */
  private acknowledgeActionRoles(): void {
    acknowledgeWildcards(
      this.pipeline.node.findChild('Deploy'),
      ['Resource::*'],
      'The ECS deploy action describes services and registers task definitions; those calls take no resource ARN.',
    );
    if (this.natSwitch) this.natSwitch.acknowledgeInvokeRole(this.pipeline.node.findChild('Migrate'));
    this.recordTag.acknowledgeInvokeRole(this.pipeline.node.findChild('Record'));
  }

  private createMigration(props: BackendPipelineProps): MigrationBuild | MigrationTask {
    const common = {
      vpc: props.vpc,
      securityGroup: props.migrationSecurityGroup,
      database: props.database,
      logRetentionDays: props.logRetentionDays,
    };
    if (props.fargateRunner) {
      return new MigrationTask(this, 'MigrationTask', {
        ...common,
        ...props.fargateRunner,
        repository: props.repository,
        architecture: props.architecture,
      });
    }
    return new MigrationBuild(this, 'Migration', {
      ...common,
      subnets: props.buildSubnets,
      computeType: props.migrations.computeType,
      prebuiltImage: props.offlineBuildSubnets
        ? { repository: props.repository, architecture: props.architecture }
        : undefined,
    });
  }

  private createImageBuild(props: BackendPipelineProps): codebuild.PipelineProject {
    const project = createBuildProject(this, 'ImageBuild', {
      buildSpec: buildspecFor('image', {
        variables: {
          REPOSITORY_URI: props.repository.repositoryUri,
          SERVICE_CONTAINERS: props.services.map((t) => `${t.name}=${t.containerName}`).join(' '),
          DOCKERFILE: props.dockerfile ?? 'apps/api/Dockerfile',
          MIGRATION_IMAGE: String(props.fargateRunner !== undefined || props.offlineBuildSubnets === true),
        },
      }),
      architecture: props.architecture,
      privileged: true,
      logRetentionDays: props.logRetentionDays,
    });
    props.repository.grantPullPush(project);
    acknowledgeWildcards(project, ['Resource::*'], 'ecr:GetAuthorizationToken takes no resource ARN.');
    Validations.of(project).acknowledge({
      id: 'AwsSolutions-CB3',
      reason: 'Privileged mode is required to run Docker and build the API image.',
    });
    return project;
  }

  private buildAction(source: GitSource, image: codepipeline.Artifact): actions.CodeBuildAction {
    return new actions.CodeBuildAction({
      actionName: 'BuildImage',
      project: this.imageBuild,
      input: source.output,
      outputs: [image],
      variablesNamespace: BUILD_NAMESPACE,
      environmentVariables: { COMMIT_ID: { value: source.action.variables.commitId } },
    });
  }

  private migrateActions(
    source: GitSource,
    build: actions.CodeBuildAction,
    migrationImage: boolean,
  ): codepipeline.IAction[] {
    const migrate = new actions.CodeBuildAction({
      actionName: 'Liquibase',
      project: this.migration.project,
      input: source.output,
      outputs: [new codepipeline.Artifact('MigrationSql')],
      environmentVariables: {
        COMMIT_ID: { value: source.action.variables.commitId },
        // This commit's migration image: its tag is immutable, so it is passed, never looked up by name.
        ...(migrationImage
          ? { MIGRATION_IMAGE: { value: build.variable(BUILD_VARIABLES.migrationImageUri) } }
          : {}),
      },
      runOrder: 2,
    });
    return this.natSwitch ? [this.natSwitch.startAction(1), migrate] : [migrate];
  }
}

function approval(pipelineName: string): codepipeline.IAction {
  return new actions.ManualApprovalAction({
    actionName: 'ApproveRelease',
    additionalInformation: `Approve to migrate the database and deploy ${pipelineName}.`,
  });
}

function deployAction(target: DeployTarget, image: codepipeline.Artifact): codepipeline.IAction {
  return new actions.EcsDeployAction({
    actionName: `Deploy-${target.name}`,
    service: target.service,
    imageFile: image.atPath(`imagedefinitions-${target.name}.json`),
  });
}

function validate(props: BackendPipelineProps): void {
  if (props.services.length === 0) {
    throw new Error(
      'BackendPipeline: no services to deploy. Add one under `services` in shoestring.config.ts.',
    );
  }
  for (const target of props.services) {
    if (!/^[a-z][a-z0-9-]*$/.test(target.name)) {
      throw new Error(
        `BackendPipeline: service name "${target.name}" must be lowercase letters, digits and dashes.`,
      );
    }
  }
}
