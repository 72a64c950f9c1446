import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { PipelineSettings } from '../../config/types.ts';
import { acknowledgeWildcards, artifactBucketFindings } from './nag.ts';

/** The source stage's output: the checked-out commit and the action (for its commit id variable). */
export interface GitSource {
  readonly output: codepipeline.Artifact;
  readonly action: actions.CodeStarConnectionsSourceAction;
}

/** A CodeStar Connections source on the stage's branch: GitHub, GitLab or Bitbucket, whatever the connection is. */
export function gitSource(settings: PipelineSettings, connectionArn: string): GitSource {
  const [owner, repo] = settings.repository.split('/');
  if (!owner || !repo) {
    throw new Error(
      `pipeline.repository "${settings.repository}" must be "owner/name", e.g. "acme/shop" (shoestring.config.ts).`,
    );
  }
  const output = new codepipeline.Artifact('Source');
  const action = new actions.CodeStarConnectionsSourceAction({
    actionName: 'Source',
    connectionArn,
    owner,
    repo,
    branch: settings.branch,
    output,
    triggerOnPush: true,
  });
  return { output, action };
}

/**
 * One artifact bucket for both pipelines of a stage: S3-managed encryption (no $1/month KMS key), TLS only,
 * artifacts expire after 30 days since every run rebuilds them from git.
 */
export function createArtifactBucket(scope: Construct, id: string): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    lifecycleRules: [{ expiration: Duration.days(30), noncurrentVersionExpiration: Duration.days(1) }],
    removalPolicy: RemovalPolicy.DESTROY,
    autoDeleteObjects: false,
  });
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason:
      'Pipeline artifacts are rebuilt from git; access logs would cost more than the artifacts themselves.',
  });
  acknowledgeWildcards(
    Stack.of(bucket),
    artifactBucketFindings(bucket),
    'CodePipeline and CodeBuild read and write artifacts under any key of the one artifact bucket.',
  );
  return bucket;
}

/**
 * A CodePipeline V2 (billed per action minute, nothing while idle) on the shared artifact bucket, without the
 * $1/month KMS key cross-account pipelines need. SUPERSEDED: one execution per stage at a time (ADR 0035).
 */
export function createPipeline(
  scope: Construct,
  props: {
    pipelineName: string;
    artifactBucket: s3.IBucket;
    source: GitSource;
    branch: string;
    /** Pushes that touch only these paths (globs) do not start the pipeline. */
    ignoredPaths: string[];
    stages: codepipeline.StageProps[];
  },
): codepipeline.Pipeline {
  const { source, branch, ignoredPaths, ...rest } = props;
  return new codepipeline.Pipeline(scope, 'Pipeline', {
    ...rest,
    pipelineType: codepipeline.PipelineType.V2,
    executionMode: codepipeline.ExecutionMode.SUPERSEDED,
    crossAccountKeys: false,
    triggers: [
      {
        providerType: codepipeline.ProviderType.CODE_STAR_SOURCE_CONNECTION,
        gitConfiguration: {
          sourceAction: source.action,
          pushFilter: [
            { branchesIncludes: [branch], filePathsIncludes: ['**'], filePathsExcludes: ignoredPaths },
          ],
        },
      },
    ],
  });
}
