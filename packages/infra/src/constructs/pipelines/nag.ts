import { type CfnElement, Stack, Token, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges cdk-nag IAM5 findings one by one (`AwsSolutions-IAM5[Action::s3:GetObject*]`), so a wildcard
 * nobody reviewed still fails synth.
 */
export function acknowledgeWildcards(scope: IConstruct, findings: readonly string[], reason: string): void {
  for (const finding of findings) {
    Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[${finding}]`, reason });
  }
}

/** The grants CDK adds for a pipeline artifact bucket (read, write, abort uploads), as cdk-nag names them. */
export function artifactBucketFindings(bucket: IConstruct): string[] {
  return [
    'Action::s3:Abort*',
    'Action::s3:DeleteObject*',
    'Action::s3:GetBucket*',
    'Action::s3:GetObject*',
    'Action::s3:List*',
    `Resource::<${logicalId(bucket)}.Arn>/*`,
  ];
}

/** The log-stream and report-group wildcards CDK grants every CodeBuild project on its own resources. */
export function buildProjectFindings(project: IConstruct): string[] {
  const id = `<${logicalId(project)}>`;
  return [
    `Resource::${nagArnPrefix(project, 'logs')}:log-group:/aws/codebuild/${id}:*`,
    `Resource::${nagArnPrefix(project, 'codebuild')}:report-group/${id}-*`,
  ];
}

/** `arn:<partition>:<service>:<region>:<account>` as cdk-nag prints it for the construct's stack. */
export function nagArnPrefix(scope: IConstruct, service: string): string {
  const stack = Stack.of(scope);
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  return `arn:${nagPartition(scope)}:${service}:${region}:${account}`;
}

/** The stack's partition as cdk-nag prints it: a literal under @aws-cdk/core:enablePartitionLiterals. */
export function nagPartition(scope: IConstruct): string {
  const { partition } = Stack.of(scope);
  return Token.isUnresolved(partition) ? '<AWS::Partition>' : partition;
}

/** The logical id of a construct's CloudFormation resource, as cdk-nag prints it between `<` and `>`. */
export function logicalId(construct: IConstruct): string {
  const stack = Stack.of(construct);
  return stack.resolve(
    stack.getLogicalId((construct.node.defaultChild ?? construct) as CfnElement),
  ) as string;
}
