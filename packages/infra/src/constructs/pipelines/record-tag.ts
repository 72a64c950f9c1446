import { fileURLToPath } from 'node:url';
import { Duration, Stack } from 'aws-cdk-lib';
import type * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import type * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { DEPLOYED_IMAGE_TAG_PREFIX } from '../image-tags.ts';
import { createLogGroup } from './build-project.ts';
import { acknowledgeWildcards } from './nag.ts';
import { acknowledgeInvokeRole, createPipelineFunction } from './pipeline-function.ts';

const HANDLER_DIR = fileURLToPath(new URL('./record-tag-handler/', import.meta.url));

export interface RecordTagProps {
  /** The stage's deployed-tag parameter (`deployedTagParameter()`); this function is its only writer. */
  readonly parameterName: string;
  /** Days to keep the function's logs. */
  readonly logRetentionDays: number;
  /** The stage's image repository: the deployed image also gets the tag `deployed-<tag>` there, which keeps it. */
  readonly repository: ecr.IRepository;
}

/**
 * The backend pipeline's last action, after Deploy: writes the tag the execution deployed to the stage's
 * deployed-tag parameter, which the runtime template resolves its image tag from (ADR 0124), then tags that image
 * `deployed-<tag>` so the repository's lifecycle keeps it. A function rather
 * than a CodeBuild project: one API call needs no build host.
 *
 * ### Cost
 * One invocation of a few hundred milliseconds per release, within the Lambda free tier; the action bills about a
 * CodePipeline V2 action minute ($0.002 beyond the free 100 per month).
 */
export class RecordTag extends Construct {
  public readonly function: lambda.Function;

  constructor(scope: Construct, id: string, props: RecordTagProps) {
    super(scope, id);
    const logGroup = createLogGroup(this, 'Logs', props.logRetentionDays);
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ssm:PutParameter'],
        resources: [
          Stack.of(this).formatArn({
            service: 'ssm',
            resource: 'parameter',
            resourceName: props.parameterName.replace(/^\//, ''),
          }),
        ],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        // Neither API supports resource-level permissions (Service Authorization Reference).
        actions: ['codepipeline:PutJobSuccessResult', 'codepipeline:PutJobFailureResult'],
        resources: ['*'],
      }),
    );
    // Adding a tag to an existing image: read its manifest, put it again under the new tag.
    props.repository.grant(role, 'ecr:BatchGetImage', 'ecr:PutImage');
    logGroup.grantWrite(role);
    acknowledgeWildcards(
      role,
      ['Resource::*'],
      'codepipeline:PutJob*Result supports no resource-level permissions; log stream names are not known in advance.',
    );
    this.function = createPipelineFunction(this, 'Function', {
      dir: HANDLER_DIR,
      role,
      logGroup,
      timeout: Duration.seconds(30),
      environment: {
        DEPLOYED_TAG_PARAMETER: props.parameterName,
        REPOSITORY_NAME: props.repository.repositoryName,
        DEPLOYED_TAG_PREFIX: DEPLOYED_IMAGE_TAG_PREFIX,
      },
      description: 'Records the image tag the backend pipeline deployed',
    });
  }

  /** The action: `tag` is the Build stage's variable (`#{Build.IMAGE_TAG}`), resolved by CodePipeline. */
  action(tag: string): codepipeline.IAction {
    return new actions.LambdaInvokeAction({
      actionName: 'RecordDeployedTag',
      lambda: this.function,
      userParameters: { tag },
    });
  }

  /** The pipeline's invoke role may call this function (see `acknowledgeInvokeRole`). */
  acknowledgeInvokeRole(scope: Construct): void {
    acknowledgeInvokeRole(scope, this.function);
  }
}
