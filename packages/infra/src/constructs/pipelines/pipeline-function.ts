import type { Duration } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { acknowledgeWildcards, logicalId } from './nag.ts';

export interface PipelineFunctionOptions {
  /** Folder of the plain-JavaScript handler (`index.mjs`); its `.d.mts` types stay out of the asset. */
  readonly dir: string;
  readonly role: iam.IRole;
  readonly logGroup: logs.ILogGroup;
  readonly environment: Record<string, string>;
  readonly description: string;
  readonly timeout: Duration;
}

/**
 * A function a pipeline action invokes (it answers the job itself): the Node.js 24 runtime runs the handler as is,
 * with the AWS SDK v3 it ships, so the stack needs no bundler at synth time.
 */
export function createPipelineFunction(
  scope: Construct,
  id: string,
  options: PipelineFunctionOptions,
): lambda.Function {
  return new lambda.Function(scope, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromAsset(options.dir, { exclude: ['*.d.mts'] }),
    timeout: options.timeout,
    memorySize: 128,
    role: options.role,
    logGroup: options.logGroup,
    environment: options.environment,
    description: options.description,
  });
}

/** The pipeline's invoke role: CDK grants lambda:ListFunctions (no resource ARN) and the function's versions. */
export function acknowledgeInvokeRole(scope: Construct, fn: lambda.IFunction): void {
  acknowledgeWildcards(
    scope,
    ['Resource::*', `Resource::<${logicalId(fn)}.Arn>:*`],
    'CodePipeline lists functions before invoking one, and may invoke any version of this one function.',
  );
}
