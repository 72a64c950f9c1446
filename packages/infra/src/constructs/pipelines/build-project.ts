import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { Architecture, BuildComputeType } from '../../config/types.ts';
import { acknowledgeWildcards, buildProjectFindings } from './nag.ts';

const COMPUTE: Record<BuildComputeType, codebuild.ComputeType> = {
  small: codebuild.ComputeType.SMALL,
  medium: codebuild.ComputeType.MEDIUM,
  large: codebuild.ComputeType.LARGE,
};

export interface BuildProjectOptions {
  readonly buildSpec: codebuild.BuildSpec;
  /** @default 'small' */
  readonly computeType?: BuildComputeType;
  /** @default 'x86_64' */
  readonly architecture?: Architecture;
  /** An image of our own (pulled by the project's role) instead of the Amazon Linux standard image. */
  readonly buildImage?: codebuild.IBuildImage;
  /** Docker builds need privileged mode. @default false */
  readonly privileged?: boolean;
  /** Runs the build in these subnets with these security groups. @default - outside any VPC */
  readonly vpc?: { vpc: ec2.IVpc; subnets: ec2.SubnetSelection; securityGroups: ec2.ISecurityGroup[] };
  /** Days to keep the build logs. */
  readonly logRetentionDays: number;
  /** @default 30 minutes */
  readonly timeout?: Duration;
}

/**
 * A CodeBuild project on the Amazon Linux standard image (x86_64 5.0 or aarch64 3.0: Node.js 22 and Corretto 17),
 * with its own log group so build logs expire instead of being kept (and billed) forever.
 */
export function createBuildProject(
  scope: Construct,
  id: string,
  options: BuildProjectOptions,
): codebuild.PipelineProject {
  const logGroup = createLogGroup(scope, `${id}Logs`, options.logRetentionDays);
  const arm = options.architecture === 'arm64';
  const project = new codebuild.PipelineProject(scope, id, {
    buildSpec: options.buildSpec,
    environment: {
      buildImage:
        options.buildImage ??
        (arm
          ? codebuild.LinuxArmBuildImage.AMAZON_LINUX_2023_STANDARD_3_0
          : codebuild.LinuxBuildImage.AMAZON_LINUX_2023_5),
      computeType: COMPUTE[options.computeType ?? 'small'],
      privileged: options.privileged ?? false,
    },
    vpc: options.vpc?.vpc,
    subnetSelection: options.vpc?.subnets,
    securityGroups: options.vpc?.securityGroups,
    timeout: options.timeout ?? Duration.minutes(30),
    logging: { cloudWatch: { logGroup } },
    // Any secret must come through the buildspec's parameter-store or secrets-manager section.
    checkSecretsInPlainTextEnvVariables: true,
  });
  acknowledgeWildcards(
    project,
    buildProjectFindings(project),
    'CodeBuild writes its own log streams and test reports; their names are only known at build time.',
  );
  Validations.of(project).acknowledge({
    id: 'AwsSolutions-CB4',
    reason:
      'Artifacts are encrypted with the S3-managed key of the artifact bucket; a KMS key costs $1/month.',
  });
  return project;
}

/** A log group that expires (the default keeps logs, and bills for them, forever). */
export function createLogGroup(scope: Construct, id: string, retentionDays: number): logs.LogGroup {
  return new logs.LogGroup(scope, id, {
    retention: retentionDays as logs.RetentionDays,
    removalPolicy: RemovalPolicy.DESTROY,
  });
}
