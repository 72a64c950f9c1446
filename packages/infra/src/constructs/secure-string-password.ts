import { fileURLToPath } from 'node:url';
import { CustomResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';

import { Construct } from 'constructs';
import { OBSERVABILITY_DEFAULTS } from '../config/defaults.ts';

const HANDLER_DIR = fileURLToPath(new URL('../../lambda/secure-string-password', import.meta.url));

export interface SecureStringPasswordProps {
  /** Parameter name, e.g. `/shoestring/dev/db/password`. */
  readonly parameterName: string;
  /** @default 'Generated password' */
  readonly description?: string;
  /**
   * Keep the parameter when the resource is deleted or replaced: CloudFormation retains the custom resource
   * (`DeletionPolicy`/`UpdateReplacePolicy: Retain`, so the handler is not even called) and the handler keeps it
   * too. The database password sets it: a final snapshot opens only with it. @default false
   */
  readonly retainOnDelete?: boolean;
  /** @default OBSERVABILITY_DEFAULTS.logRetentionDays */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * A random password in an SSM SecureString parameter. CloudFormation cannot create SecureString parameters
 * (aws-facts: `AWS::SSM::Parameter` reference), so a Lambda-backed custom resource writes it; the template
 * holds only the parameter name. Consumers read it through `{{resolve:ssm-secure:...}}` or ECS `secrets`.
 *
 * ### Cost
 * A standard-tier parameter is free; the Lambda runs once per create, within the always-free tier.
 */
export class SecureStringPassword extends Construct {
  /** The parameter's name. */
  public readonly parameterName: string;
  /** The parameter's ARN, for IAM grants. */
  public readonly parameterArn: string;

  constructor(scope: Construct, id: string, props: SecureStringPasswordProps) {
    super(scope, id);
    this.parameterName = props.parameterName;
    this.parameterArn = Stack.of(this).formatArn({
      service: 'ssm',
      resource: 'parameter',
      resourceName: props.parameterName.replace(/^\//, ''),
    });
    const handler = this.createHandler(
      props.logRetention ?? (OBSERVABILITY_DEFAULTS.logRetentionDays as logs.RetentionDays),
    );
    new CustomResource(this, 'Resource', {
      serviceToken: handler.functionArn,
      resourceType: 'Custom::SecureStringPassword',
      removalPolicy: props.retainOnDelete ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      properties: {
        ParameterName: props.parameterName,
        Description: props.description ?? 'Generated password',
        RetainOnDelete: String(props.retainOnDelete ?? false),
      },
    });
  }

  /** One function with its own role: logs to its log group, writes and deletes only this parameter. */
  private createHandler(logRetention: logs.RetentionDays): lambda.Function {
    const logGroup = new logs.LogGroup(this, 'HandlerLogs', { retention: logRetention });
    const role = new iam.Role(this, 'HandlerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    logGroup.grantWrite(role);
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ssm:PutParameter', 'ssm:DeleteParameter'],
        resources: [this.parameterArn],
      }),
    );
    return new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      code: lambda.Code.fromAsset(HANDLER_DIR),
      handler: 'index.handler',
      timeout: Duration.seconds(30),
      role,
      logGroup,
    });
  }
}
