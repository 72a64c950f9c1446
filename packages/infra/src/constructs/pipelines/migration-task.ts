import type { DbSslMode } from '@shoestring/contract';
import { Arn, ArnFormat, Fn, Stack, Validations } from 'aws-cdk-lib';
import type * as codebuild from 'aws-cdk-lib/aws-codebuild';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { MIGRATION_TASK_SIZE } from '../../config/schema/delivery.ts';
import type { Architecture } from '../../config/types.ts';
import { NO_IMAGE_TAG } from '../../images.ts';
import { createBuildProject, createLogGroup } from './build-project.ts';
import { buildspecFor } from './buildspec.ts';
import type { MigrationDatabase } from './migration-build.ts';

import { acknowledgeWildcards, nagArnPrefix } from './nag.ts';

const LOG_PREFIX = 'migration';

export interface MigrationTaskProps {
  readonly cluster: ecs.ICluster;
  /** Public subnets: the task gets a public IP, so no NAT is needed. */
  readonly subnets: ec2.SubnetSelection;
  readonly vpc: ec2.IVpc;
  /** The migration security group, the one non-service source RDS admits on 5432. */
  readonly securityGroup: ec2.ISecurityGroup;
  /** Holds the migration images, `<repository>:<commit>-migrate` (built from `buildspecs/migrate.Dockerfile`). */
  readonly repository: ecr.IRepository;
  readonly architecture: Architecture;
  readonly database: MigrationDatabase;
  readonly logRetentionDays: number;
  /** Task CPU units. @default MIGRATION_TASK_SIZE.cpu (512: Liquibase runs on the JVM) */
  readonly cpu?: number;
  /** Task memory in MiB. @default MIGRATION_TASK_SIZE.memoryMiB (1024) */
  readonly memoryMiB?: number;
}

/**
 * The alternative migration runner (`migrations.runner: 'fargate-task'`): a one-off Fargate task in the public
 * subnets runs `migrate-steps.sh`, the same sequence as the CodeBuild runner, and a small CodeBuild job outside the
 * VPC starts it, waits, copies its log into the artifact and fails the stage unless it exits 0.
 *
 * ### Cost
 * Fargate ARM 0.5 vCPU / 1 GB for about 3 minutes: $0.03238 x 0.5 x 0.05 h + $0.00356 x 1 x 0.05 h = $0.001
 * per release, plus a public IPv4 for those minutes (Fargate and VPC pricing, 2026) and about 4 minutes of
 * CodeBuild small ($0.005/min). No NAT, nothing while idle.
 */
export class MigrationTask extends Construct {
  public readonly taskDefinition: ecs.FargateTaskDefinition;
  /** Starts and watches the task; the pipeline's migrate action. */
  public readonly project: codebuild.PipelineProject;

  constructor(scope: Construct, id: string, props: MigrationTaskProps) {
    super(scope, id);
    const logGroup = createLogGroup(this, 'Logs', props.logRetentionDays);
    this.taskDefinition = this.createTaskDefinition(props, logGroup);
    this.project = createBuildProject(this, 'Runner', {
      buildSpec: buildspecFor('migrate-task', {
        variables: {
          CLUSTER: props.cluster.clusterName,
          TASK_DEFINITION: this.taskDefinition.family,
          SUBNETS: Fn.join(',', props.vpc.selectSubnets(props.subnets).subnetIds),
          SECURITY_GROUP: props.securityGroup.securityGroupId,
          LOG_GROUP: logGroup.logGroupName,
          LOG_PREFIX,
        },
      }),
      logRetentionDays: props.logRetentionDays,
    });
    this.grantRunner(props.cluster, logGroup);
  }

  private createTaskDefinition(
    props: MigrationTaskProps,
    logGroup: logs.LogGroup,
  ): ecs.FargateTaskDefinition {
    const task = new ecs.FargateTaskDefinition(this, 'Task', {
      cpu: props.cpu ?? MIGRATION_TASK_SIZE.cpu,
      memoryLimitMiB: props.memoryMiB ?? MIGRATION_TASK_SIZE.memoryMiB,
      runtimePlatform: {
        cpuArchitecture:
          props.architecture === 'arm64' ? ecs.CpuArchitecture.ARM64 : ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    const { database } = props;
    Validations.of(task).acknowledge({
      id: 'AwsSolutions-ECS2',
      reason:
        'The environment holds only the database coordinates; the password comes from the secrets section.',
    });
    task.addContainer('migrate', {
      containerName: 'migrate',
      // Never run as it is: each run registers a revision naming that commit's migration image (tags are
      // immutable, ADR 0124). It grants the execution role, which every revision shares, the pull.
      image: ecs.ContainerImage.fromEcrRepository(props.repository, NO_IMAGE_TAG),
      logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: LOG_PREFIX }),
      environment: {
        DB_HOST: database.host,
        DB_PORT: database.port,
        DB_NAME: database.name,
        DB_USER: database.username,
        // The CA bundle's path (DB_SSL_ROOT_CERT) comes with the image (migrate.Dockerfile).
        DB_SSL: 'verify-full' satisfies DbSslMode,
      },
      secrets: { DB_PASSWORD: this.passwordSecret(database) },
    });
    acknowledgeWildcards(
      task,
      ['Resource::*'],
      'The execution role calls ecr:GetAuthorizationToken, which takes no resource ARN.',
    );
    return task;
  }

  private passwordSecret(database: MigrationDatabase): ecs.Secret {
    if (database.secretStore === 'secretsmanager') {
      const secret = secretsmanager.Secret.fromSecretCompleteArn(
        this,
        'Password',
        database.credentialReference,
      );
      return ecs.Secret.fromSecretsManager(secret, 'password');
    }
    return ecs.Secret.fromSsmParameter(
      ssm.StringParameter.fromSecureStringParameterAttributes(this, 'Password', {
        parameterName: database.credentialReference,
      }),
    );
  }

  /** Run this task family in this cluster, pass its two roles, read its log group: nothing else. */
  private grantRunner(cluster: ecs.ICluster, logGroup: logs.LogGroup): void {
    const stack = Stack.of(this);
    const family = Arn.format(
      {
        service: 'ecs',
        resource: 'task-definition',
        resourceName: `${this.taskDefinition.family}:*`,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      },
      stack,
    );
    const inCluster = { ArnEquals: { 'ecs:cluster': cluster.clusterArn } };
    this.project.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['ecs:RunTask'], resources: [family], conditions: inCluster }),
    );
    this.project.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['ecs:DescribeTasks'], resources: ['*'], conditions: inCluster }),
    );
    // A revision per run with the commit's migration image; neither call takes a resource ARN.
    this.project.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ecs:DescribeTaskDefinition', 'ecs:RegisterTaskDefinition'],
        resources: ['*'],
      }),
    );
    const roles = [this.taskDefinition.taskRole.roleArn, this.taskDefinition.obtainExecutionRole().roleArn];
    this.project.addToRolePolicy(new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: roles }));
    this.project.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['logs:GetLogEvents'], resources: [logGroup.logGroupArn] }),
    );
    acknowledgeWildcards(
      this.project,
      [
        `Resource::${nagArnPrefix(this, 'ecs')}:task-definition/${this.taskDefinition.family}:*`,
        'Resource::*',
      ],
      'The runner may start any revision of the one migration task family, and describes tasks only in the ' +
        'one cluster (ecs:cluster condition; task ARNs are not known before the run). It registers a revision ' +
        'per run (the image of the commit); DescribeTaskDefinition and RegisterTaskDefinition take no ARN.',
    );
  }
}
