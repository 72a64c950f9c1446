import { Arn, ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import type * as codebuild from 'aws-cdk-lib/aws-codebuild';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { MIGRATIONS_DEFAULTS } from '../../config/defaults.ts';
import type { Architecture, BuildComputeType, SecretStore } from '../../config/types.ts';
import { createBuildProject } from './build-project.ts';
import { type BuildspecEnv, buildspecFor } from './buildspec.ts';
import { acknowledgeWildcards } from './nag.ts';

/** How the migration reaches the database: plain coordinates and a reference to the password. */
export interface MigrationDatabase {
  readonly host: string;
  readonly port: string;
  readonly name: string;
  readonly username: string;
  /** Where the password is: `ssm` (a SecureString parameter) or `secretsmanager` (JSON key `password`). */
  readonly secretStore: SecretStore;
  /** The parameter name (`ssm`) or the secret ARN (`secretsmanager`). */
  readonly credentialReference: string;
}

export interface MigrationBuildProps {
  readonly vpc: ec2.IVpc;
  /** Private subnets with egress (NAT instance, NAT gateway or endpoints). */
  readonly subnets: ec2.SubnetSelection;
  /** The migration security group, the one non-service source RDS admits on 5432. */
  readonly securityGroup: ec2.ISecurityGroup;
  readonly database: MigrationDatabase;
  /** @default MIGRATIONS_DEFAULTS.computeType (the seed: Liquibase on Java starts faster with 7 GB) */
  readonly computeType?: BuildComputeType;
  /**
   * Run the steps inside the commit's migration image (`<repository>:<commit>-migrate`, built from
   * `buildspecs/migrate.Dockerfile`; the pipeline passes its URI as `MIGRATION_IMAGE`) instead of installing with
   * `npm ci`, for build subnets without internet access (`network.buildEgress: 'endpoints'`). The build runs
   * privileged on the standard image of the image's architecture and pulls it through the ECR endpoints.
   * @default - the Amazon Linux standard image and `npm ci` (needs NAT)
   */
  readonly prebuiltImage?: { readonly repository: ecr.IRepository; readonly architecture: Architecture };
  readonly logRetentionDays: number;
}

/**
 * The seed's migration step: CodeBuild (Amazon Linux) inside the VPC's private subnets running
 * `buildspecs/migrate.yml` (validate, status, update-sql kept as an artifact, tag, update) with the password from
 * Parameter Store or Secrets Manager through the buildspec's `env` section.
 *
 * ### Cost
 * CodeBuild medium Linux $0.01/min (CodeBuild pricing, 2026); a VPC build spends about 2 minutes provisioning
 * plus 2-3 minutes of npm ci and Liquibase: about $0.05 per release. Nothing while idle.
 */
export class MigrationBuild extends Construct {
  public readonly project: codebuild.PipelineProject;

  constructor(scope: Construct, id: string, props: MigrationBuildProps) {
    super(scope, id);
    const prebuilt = props.prebuiltImage;
    this.project = createBuildProject(this, 'Project', {
      buildSpec: buildspecFor(prebuilt ? 'migrate-prebuilt' : 'migrate', migrationEnv(props.database)),
      architecture: prebuilt?.architecture,
      privileged: prebuilt !== undefined,
      computeType: props.computeType ?? MIGRATIONS_DEFAULTS.computeType,
      vpc: { vpc: props.vpc, subnets: props.subnets, securityGroups: [props.securityGroup] },
      logRetentionDays: props.logRetentionDays,
    });
    this.project.addToRolePolicy(passwordReadStatement(this, props.database));
    if (prebuilt) {
      prebuilt.repository.grantPull(this.project);
      Validations.of(this.project).acknowledge({
        id: 'AwsSolutions-CB3',
        reason: "Privileged mode runs Docker: the migration runs inside the commit's migration image.",
      });
    }
    acknowledgeWildcards(
      this.project,
      [
        'Resource::*',
        'Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:network-interface/*',
      ],
      'CodeBuild creates its network interface in the VPC: the ec2 Describe* and CreateNetworkInterface calls take ' +
        'no resource ARN, and CreateNetworkInterfacePermission is limited to the build subnets by condition ' +
        '(CodeBuild user guide, "vpc-support").',
    );
  }
}

/** The buildspec `env` for `shoestring migrate`: DB_* coordinates and the password by reference only. */
export function migrationEnv(database: MigrationDatabase): BuildspecEnv {
  const variables = {
    DB_HOST: database.host,
    DB_PORT: database.port,
    DB_NAME: database.name,
    DB_USER: database.username,
  };
  return database.secretStore === 'ssm'
    ? { variables, parameterStore: { DB_PASSWORD: database.credentialReference } }
    : { variables, secretsManager: { DB_PASSWORD: `${database.credentialReference}:password` } };
}

/** Read access to the one parameter or secret that holds the password. */
export function passwordReadStatement(scope: Construct, database: MigrationDatabase): iam.PolicyStatement {
  if (database.secretStore === 'secretsmanager') {
    return new iam.PolicyStatement({
      actions: ['secretsmanager:GetSecretValue'],
      resources: [database.credentialReference],
    });
  }
  const name = database.credentialReference.replace(/^\//, '');
  return new iam.PolicyStatement({
    actions: ['ssm:GetParameters'],
    resources: [
      Arn.format(
        {
          service: 'ssm',
          resource: 'parameter',
          resourceName: name,
          arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
        },
        Stack.of(scope),
      ),
    ],
  });
}
