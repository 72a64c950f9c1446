import { fileURLToPath } from 'node:url';
import { Arn, Duration, Stack } from 'aws-cdk-lib';
import type * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as actions from 'aws-cdk-lib/aws-codepipeline-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { createLogGroup } from './build-project.ts';
import { acknowledgeWildcards, nagArnPrefix } from './nag.ts';
import { acknowledgeInvokeRole, createPipelineFunction } from './pipeline-function.ts';

const HANDLER_DIR = fileURLToPath(new URL('./nat-switch-handler/', import.meta.url));

export interface NatSwitchProps {
  /**
   * SSM parameter holding the id of the NAT instance that serves the migration build's subnets. Read at every
   * run: a new AMI replaces the instance, and the pipelines stack must not hold (or import) its id.
   */
  readonly instanceParameter: string;
  /** Tags the NAT instance carries; the function may start and stop only instances with all of them. */
  readonly instanceTags: Readonly<Record<string, string>>;
  /** Days to keep the function's logs. */
  readonly logRetentionDays: number;
}

/**
 * Runs the NAT instance only while a migration needs it: a pipeline action starts it (and waits until it runs)
 * before the migrate build, and a rule stops it when the migrate stage ends, whether it succeeded, failed or was
 * cancelled, so a failed migration never leaves it running. The stop is skipped while another execution is in
 * the stage (SUPERSEDED mode lets the next one in as soon as the stage ends; its own end stops the instance).
 *
 * ### Cost
 * The instance bills only while running: a 5-minute migration costs $0.0042/h x 5/60 h = $0.0004 plus its
 * public IPv4 for the same minutes (EC2 and VPC pricing, 2026). The function and the rule are within the
 * Lambda and EventBridge free tiers.
 */
export class NatSwitch extends Construct {
  /** Starts the instance and waits until it runs; answers the pipeline job. */
  public readonly function: lambda.Function;

  constructor(scope: Construct, id: string, props: NatSwitchProps) {
    super(scope, id);
    const logGroup = createLogGroup(this, 'Logs', props.logRetentionDays);
    const role = this.createRole(props, logGroup);
    this.function = createPipelineFunction(this, 'Function', {
      dir: HANDLER_DIR,
      role,
      logGroup,
      timeout: Duration.minutes(5),
      environment: { NAT_INSTANCE_PARAMETER: props.instanceParameter },
      description: 'Starts the NAT instance before migrations and stops it after',
    });
  }

  /** The action that starts the instance; put it before the migrate action in the same stage. */
  startAction(runOrder: number): codepipeline.IAction {
    return new actions.LambdaInvokeAction({ actionName: 'StartNat', lambda: this.function, runOrder });
  }

  /** The pipeline's invoke role may call this function (see `acknowledgeInvokeRole`). */
  acknowledgeInvokeRole(scope: Construct): void {
    acknowledgeInvokeRole(scope, this.function);
  }

  /**
   * Stops the instance whenever the given stage of the pipeline ends, on success and on failure alike.
   * `pipelineName` is the pipeline's literal name: the grant built from it does not depend on the pipeline
   * resource, which itself depends on the function (its invoke action), so the stack has no cycle.
   */
  stopAfterStage(pipeline: codepipeline.IPipeline, pipelineName: string, stageName: string): events.Rule {
    // Before stopping, the function asks whether another execution has entered the stage meanwhile.
    const pipelineArn = Arn.format({ service: 'codepipeline', resource: pipelineName }, Stack.of(this));
    this.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['codepipeline:GetPipelineState'], resources: [pipelineArn] }),
    );
    return new events.Rule(this, 'StopAfterStage', {
      description: `Stops the NAT instance when stage ${stageName} ends`,
      eventPattern: {
        source: ['aws.codepipeline'],
        detailType: ['CodePipeline Stage Execution State Change'],
        resources: [pipeline.pipelineArn],
        detail: { stage: [stageName], state: ['SUCCEEDED', 'FAILED', 'CANCELED', 'STOPPED'] },
      },
      targets: [new targets.LambdaFunction(this.function, { retryAttempts: 4 })],
    });
  }

  private createRole(props: NatSwitchProps, logGroup: logs.LogGroup): iam.Role {
    const stack = Stack.of(this);
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const anyInstance = Arn.format({ service: 'ec2', resource: 'instance', resourceName: '*' }, stack);
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ec2:StartInstances', 'ec2:StopInstances'],
        resources: [anyInstance],
        // The instance id is only known at run time; the tags say which instances are this stage's NAT.
        conditions: {
          StringEquals: Object.fromEntries(
            Object.entries(props.instanceTags).map(([key, value]) => [`aws:ResourceTag/${key}`, value]),
          ),
        },
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ssm:GetParameter'],
        resources: [
          Arn.format(
            {
              service: 'ssm',
              resource: 'parameter',
              resourceName: props.instanceParameter.replace(/^\//, ''),
            },
            stack,
          ),
        ],
      }),
    );
    role.addToPolicy(
      new iam.PolicyStatement({
        // Neither API supports resource-level permissions (Service Authorization Reference).
        actions: [
          'ec2:DescribeInstances',
          'codepipeline:PutJobSuccessResult',
          'codepipeline:PutJobFailureResult',
        ],
        resources: ['*'],
      }),
    );
    logGroup.grantWrite(role);
    acknowledgeWildcards(
      role,
      ['Resource::*'],
      'ec2:DescribeInstances and codepipeline:PutJob*Result support no resource-level permissions; ' +
        'log stream names are not known in advance.',
    );
    acknowledgeWildcards(
      role,
      [`Resource::${nagArnPrefix(this, 'ec2')}:instance/*`],
      'The NAT instance is replaced with each new AMI, so its id is found at run time; a tag condition limits ' +
        "start and stop to the instance tagged as this stage's NAT.",
    );
    return role;
  }
}
