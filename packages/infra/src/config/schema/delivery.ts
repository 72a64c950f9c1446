import { Type } from 'typebox';
import { section } from './fields.ts';

export const PipelineSchema = section(
  {
    connectionArn: Type.Optional(
      Type.String({
        pattern: '^arn:aws:(codestar-connections|codeconnections):[a-z0-9-]+:\\d{12}:connection/[\\w-]+$',
        fix: 'a CodeStar Connections ARN (console: Developer Tools > Connections)',
        description:
          'CodeStar Connections ARN to the git host. Default: none, and no pipeline is synthesized.',
      }),
    ),
    repository: Type.String({
      default: 'example/shoestring',
      pattern: '^[\\w.-]+/[\\w.-]+$',
      fix: '"owner/name"',
      description: '`owner/name` of the repository.',
    }),
    branch: Type.String({
      default: 'main',
      prodDefault: 'release',
      pattern: '^[\\w./-]+$',
      fix: 'a branch name',
      description: "Branch this stage deploys from. Default 'release' for prod, 'main' otherwise.",
    }),
    manualApprovalBeforeProd: Type.Boolean({
      default: true,
      description: 'Manual approval before the prod deploy.',
    }),
    natAlwaysOn: Type.Boolean({
      default: false,
      description: 'Keep the NAT instance running instead of starting it around migrations.',
    }),
  },
  'The CodePipeline that builds, migrates and deploys this stage.',
);

/** The `fargate-task` runner's task size: Liquibase runs on the JVM. The doctor counts it against the Fargate quota. */
export const MIGRATION_TASK_SIZE = { cpu: 512, memoryMiB: 1024 } as const;

export const MigrationRunnerSchema = Type.Enum(['codebuild-vpc', 'fargate-task'], {
  default: 'codebuild-vpc',
  description: 'Where Liquibase runs: a CodeBuild project in the VPC (the seed) or a one-off Fargate task.',
});

export const BuildComputeTypeSchema = Type.Enum(['small', 'medium', 'large'], {
  default: 'medium',
  description: 'CodeBuild compute type of the migration build (the seed: medium).',
});

export const MigrationsSchema = section(
  {
    runner: MigrationRunnerSchema,
    computeType: BuildComputeTypeSchema,
  },
  'Database migrations (Liquibase) in the pipeline.',
);
