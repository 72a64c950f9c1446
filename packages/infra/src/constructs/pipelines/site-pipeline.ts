import { Arn, ArnFormat, CfnParameter, Stack } from 'aws-cdk-lib';
import type * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { PipelineSettings } from '../../config/types.ts';
import { createBuildProject } from './build-project.ts';
import { buildspecFor } from './buildspec.ts';
import { acknowledgeWildcards, logicalId, nagPartition } from './nag.ts';
import { createPipeline, gitSource } from './source.ts';

/** Names of the SSM parameters the infra stack writes for the site. */
export interface SiteParameterNames {
  /** Holds the site bucket's name, e.g. `/shoestring/dev/site/bucket-name`. */
  readonly bucketName: string;
  /** Holds the CloudFront distribution id, e.g. `/shoestring/dev/site/distribution-id`. */
  readonly distributionId: string;
  /**
   * The stage's sign-in outputs, from which deploy-web writes the site's `/config.json`.
   * @default undefined - no Cognito pool (sign-in off or an external issuer): the bucket's config.json is left alone
   */
  readonly signIn?: SignInParameterNames;
}

/** Names of the SSM parameters the runtime stack writes for sign-in, e.g. `/shoestring/dev/auth/issuer`. */
export interface SignInParameterNames {
  /** `site/url`: where the provider sends people back (unless {@link SitePipelineProps.siteUrl} says otherwise). */
  readonly siteUrl: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly hostedUiUrl: string;
}

export interface SitePipelineProps {
  /** The stage's `pipeline` settings (repository, branch). */
  readonly settings: PipelineSettings;
  /** CodeStar Connections connection to the git host. */
  readonly connectionArn: string;
  /** Where the bucket name and distribution id are; read at deploy time (IAM) and at build time (buildspec). */
  readonly parameters: SiteParameterNames;
  readonly artifactBucket: s3.IBucket;
  /** e.g. `shoestring-dev-site` */
  readonly pipelineName: string;
  readonly logRetentionDays: number;
  /**
   * The site's URL in `/config.json` when it is not the distribution's own (a custom domain, `edge.domain`).
   * @default the `site/url` parameter
   */
  readonly siteUrl?: string;
}

/**
 * The site's delivery: on every push to the stage's branch, a small CodeBuild job outside the VPC runs `npm ci`,
 * builds `apps/web` and runs `shoestring deploy-web`, which uploads by content and invalidates only what changed.
 * The bucket and distribution come from SSM, so this construct never names them.
 *
 * ### Cost
 * CodePipeline V2: $0.002 per action-execution minute, 100 minutes/month free; CodeBuild small Linux
 * $0.005/min, 100 minutes/month free (CodePipeline and CodeBuild pricing, 2026). A 3-minute site build twice a
 * day is about 180 build minutes = $0.40/month beyond the free tier. Nothing bills while idle.
 */
export class SitePipeline extends Construct {
  public readonly pipeline: codepipeline.Pipeline;
  /** The CodeBuild project that builds and uploads the site. */
  public readonly project: ReturnType<typeof createBuildProject>;

  // Resolved by CloudFormation at deploy time from the parameters the infra stack wrote, for IAM only.
  private readonly bucketNameParameter: CfnParameter;
  private readonly distributionIdParameter: CfnParameter;

  constructor(scope: Construct, id: string, props: SitePipelineProps) {
    super(scope, id);
    this.bucketNameParameter = ssmValue(this, 'SiteBucketName', props.parameters.bucketName);
    this.distributionIdParameter = ssmValue(this, 'SiteDistributionId', props.parameters.distributionId);
    const source = gitSource(props.settings, props.connectionArn);
    this.project = this.createProject(props);
    this.pipeline = createPipeline(this, {
      pipelineName: props.pipelineName,
      artifactBucket: props.artifactBucket,
      source,
      branch: props.settings.branch,
      // The API and the docs never change the site; anything else (shared packages, the lock file) may.
      ignoredPaths: ['apps/api/**', 'docs/**', 'bench/**'],
      stages: [
        { stageName: 'Source', actions: [source.action] },
        {
          stageName: 'BuildAndDeploy',
          actions: [
            new actions.CodeBuildAction({
              actionName: 'DeployWeb',
              project: this.project,
              input: source.output,
            }),
          ],
        },
      ],
    });
  }

  private createProject(props: SitePipelineProps) {
    const project = createBuildProject(this, 'DeployWeb', {
      buildSpec: buildspecFor('site', siteBuildEnv(props)),
      logRetentionDays: props.logRetentionDays,
    });
    this.grantDeployWeb(project, props);
    acknowledgeWildcards(
      project,
      [`Resource::arn:${nagPartition(this)}:s3:::<${logicalId(this.bucketNameParameter)}>/*`],
      'deploy-web uploads and deletes any object of the one site bucket.',
    );
    return project;
  }

  /** Exactly what deploy-web needs: read its parameters, write the one bucket, invalidate the one distribution. */
  private grantDeployWeb(
    project: { addToRolePolicy(s: iam.PolicyStatement): void },
    props: SitePipelineProps,
  ) {
    const stack = Stack.of(this);
    const bucketName = this.bucketNameParameter.valueAsString;
    const distributionId = this.distributionIdParameter.valueAsString;
    const parameterArn = (name: string) =>
      Arn.format({ service: 'ssm', resource: 'parameter', resourceName: name.replace(/^\//, '') }, stack);
    project.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['ssm:GetParameters'],
        resources: parameterNamesRead(props).map(parameterArn),
      }),
    );
    project.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [`arn:${stack.partition}:s3:::${bucketName}`],
      }),
    );
    project.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [`arn:${stack.partition}:s3:::${bucketName}/*`],
      }),
    );
    project.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'],
        resources: [
          Arn.format(
            {
              service: 'cloudfront',
              region: '',
              resource: 'distribution',
              resourceName: distributionId,
              arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
            },
            stack,
          ),
        ],
      }),
    );
  }
}

/** deploy-web's inputs: bucket and distribution, and the sign-in settings (buildspecs/site.yml passes them on). */
function siteBuildEnv(props: SitePipelineProps) {
  const { parameters, siteUrl } = props;
  const { signIn } = parameters;
  const parameterStore: Record<string, string> = {
    SITE_BUCKET: parameters.bucketName,
    SITE_DISTRIBUTION_ID: parameters.distributionId,
  };
  if (!signIn) return { parameterStore };
  Object.assign(parameterStore, {
    AUTH_ISSUER: signIn.issuer,
    AUTH_CLIENT_ID: signIn.clientId,
    AUTH_HOSTED_UI_URL: signIn.hostedUiUrl,
  });
  if (siteUrl) return { parameterStore, variables: { SITE_URL: siteUrl } };
  return { parameterStore: { ...parameterStore, SITE_URL: signIn.siteUrl } };
}

/** The parameters the build reads: exactly the `parameter-store` entries of its buildspec. */
function parameterNamesRead(props: SitePipelineProps): string[] {
  return Object.values(siteBuildEnv(props).parameterStore);
}

function ssmValue(scope: Construct, id: string, parameterName: string): CfnParameter {
  return new CfnParameter(scope, id, {
    type: 'AWS::SSM::Parameter::Value<String>',
    default: parameterName,
    description: `Read from SSM parameter ${parameterName} at deploy time`,
  });
}
