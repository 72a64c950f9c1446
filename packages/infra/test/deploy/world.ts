import {
  CodePipelineClient,
  GetPipelineExecutionCommand,
  GetPipelineStateCommand,
  ListPipelineExecutionsCommand,
  type StageState,
  StartPipelineExecutionCommand,
} from '@aws-sdk/client-codepipeline';
import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { GetParameterCommand, ParameterNotFound, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { resolveStage } from '../../src/config/index.ts';
import type { StageConfig } from '../../src/config/types.ts';
import type { DeployDeps } from '../../src/deploy/deploy-stage.ts';
import { CONNECTION_ARN } from '../pipelines/harness.ts';

export const ssm = mockClient(SSMClient);
export const codepipeline = mockClient(CodePipelineClient);
export const ecs = mockClient(ECSClient);

/** The stage `shop-<stage>`, with a git connection unless `connected` is false. */
export function stageConfig(stage = 'dev', connected = true): StageConfig {
  return resolveStage(
    {
      project: 'shop',
      shared: {
        pipeline: { connectionArn: connected ? CONNECTION_ARN : undefined, repository: 'acme/shop' },
      },
    },
    stage,
    { account: '123456789012', region: 'us-east-1' },
  );
}

export const TAG_PARAMETER = '/shop/dev/ecr/deployed-tag';

/** One pipeline poll: the execution's status and the stages GetPipelineState reports meanwhile. */
export interface Poll {
  readonly status: string;
  readonly stages?: StageState[];
}

/**
 * A fake account behind the SDK mocks: SSM parameters, the pipeline's polls, the ECS service. The fake `cdk`
 * creates the runtime stack's parameters as a deploy would; the Record stage writes the tag when a poll says
 * `Succeeded`. `events` keeps the order of the things that change the account.
 */
export class World {
  readonly parameters = new Map<string, string>();
  readonly events: string[] = [];
  readonly lines: string[] = [];
  /** Exit code of each `cdk deploy`, in order; 0 when none is left. */
  cdkCodes: number[] = [];
  /** The latest execution ListPipelineExecutions reports. */
  latest?: { pipelineExecutionId: string; status: string };
  polls: Poll[] = [];
  service = { desiredCount: 0, runningCount: 0, rolloutState: 'COMPLETED', rolloutStateReason: '' };
  /** The image's tasks fail their health checks: a new deployment ends FAILED (the circuit breaker). */
  unhealthyImage = false;
  /** Registering the scalable target raises a service at zero tasks to minTasks (RegisterScalableTarget). */
  autoscalingRaisesCount = true;

  private readonly tagParameter: string;

  /** The account of stage `shop-<stage>`. */
  constructor(private readonly stage = 'dev') {
    this.tagParameter = `/shop/${stage}/ecr/deployed-tag`;
    ssm.reset();
    codepipeline.reset();
    ecs.reset();
    ssm.on(GetParameterCommand).callsFake(({ Name }: { Name: string }) => {
      const value = this.parameters.get(Name);
      if (value === undefined) throw new ParameterNotFound({ message: Name, $metadata: {} });
      return { Parameter: { Name, Value: value } };
    });
    codepipeline.on(ListPipelineExecutionsCommand).callsFake(() => ({
      pipelineExecutionSummaries: this.latest ? [this.latest] : [],
    }));
    codepipeline.on(StartPipelineExecutionCommand).callsFake(() => {
      this.events.push('start pipeline');
      this.latest = { pipelineExecutionId: 'started', status: 'InProgress' };
      return { pipelineExecutionId: 'started' };
    });
    let poll: Poll | undefined;
    codepipeline.on(GetPipelineExecutionCommand).callsFake(({ pipelineExecutionId }) => {
      poll = this.polls.shift() ?? poll;
      const status = poll?.status ?? 'InProgress';
      if (status === 'Succeeded') this.parameters.set(this.tagParameter, `tag-of-${pipelineExecutionId}`);
      // A newer commit's execution takes over.
      if (status === 'Superseded') this.latest = { pipelineExecutionId: 'exec-2', status: 'InProgress' };
      return { pipelineExecution: { pipelineExecutionId, status } };
    });
    codepipeline.on(GetPipelineStateCommand).callsFake(() => ({ stageStates: poll?.stages ?? [] }));
    ecs.on(DescribeServicesCommand).callsFake(() => {
      const { desiredCount, runningCount, rolloutState, rolloutStateReason } = this.service;
      // Tasks start, and a deployment completes, between two polls.
      this.service.runningCount = rolloutState === 'FAILED' ? 0 : desiredCount;
      if (rolloutState === 'IN_PROGRESS') this.service.rolloutState = 'COMPLETED';
      return {
        services: [
          {
            serviceName: `shop-${this.stage}-api`,
            desiredCount,
            runningCount,
            deployments: [{ status: 'PRIMARY', rolloutState, rolloutStateReason }],
          },
        ],
      };
    });
    ecs.on(UpdateServiceCommand).callsFake(({ cluster, service, desiredCount, forceNewDeployment }) => {
      const changes = [
        ...(desiredCount === undefined ? [] : [`desired ${desiredCount}`]),
        ...(forceNewDeployment ? ['new deployment'] : []),
      ];
      this.events.push(`update ${cluster}/${service}: ${changes.join(', ')}`);
      if (desiredCount !== undefined) this.service.desiredCount = desiredCount;
      if (forceNewDeployment) {
        this.service.rolloutState = this.unhealthyImage ? 'FAILED' : 'IN_PROGRESS';
        this.service.rolloutStateReason = this.unhealthyImage
          ? 'ECS deployment circuit breaker: tasks failed.'
          : '';
      }
      return {};
    });
  }

  /** A stage whose runtime stack is deployed (its parameters exist) and runs `running` tasks. */
  deployed(tag: string | undefined, running: number): this {
    this.createRuntimeParameters();
    if (tag) this.parameters.set(this.tagParameter, tag);
    this.service.desiredCount = running;
    this.service.runningCount = running;
    return this;
  }

  private createRuntimeParameters(): void {
    this.parameters.set(`/shop/${this.stage}/ecs/cluster-name`, `shop-${this.stage}-cluster`);
    this.parameters.set(`/shop/${this.stage}/ecs/api/service-name`, `shop-${this.stage}-api`);
  }

  deps(): DeployDeps {
    return {
      ssm: new SSMClient({ region: 'us-east-1' }),
      codepipeline: new CodePipelineClient({ region: 'us-east-1' }),
      ecs: new ECSClient({ region: 'us-east-1' }),
      cdk: async ({ firstDeploy }) => {
        this.events.push(firstDeploy ? 'cdk deploy, zero tasks' : 'cdk deploy');
        const code = this.cdkCodes.shift() ?? 0;
        if (code !== 0) return code;
        this.createRuntimeParameters();
        // Registering the scalable target raises the count into [minTasks, maxTasks] at once.
        if (!firstDeploy && this.autoscalingRaisesCount && this.service.desiredCount === 0) {
          this.service.desiredCount = 1;
        }
        return code;
      },
      log: (line) => this.lines.push(line),
      sleep: async () => {},
      pollMs: 15_000,
      maxPolls: 20,
    };
  }
}

/** A stage of this execution in GetPipelineState, with its actions' states. */
export function stage(
  name: string,
  status: string,
  actions: NonNullable<StageState['actionStates']> = [],
  executionId = 'exec-1',
): StageState {
  return {
    stageName: name,
    latestExecution: { pipelineExecutionId: executionId, status: status as never },
    actionStates: actions,
  };
}
