import { GetPipelineExecutionCommand, StartPipelineExecutionCommand } from '@aws-sdk/client-codepipeline';
import { UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { cdkDeployArgs } from '../../src/deploy/cdk-command.ts';
import { deployStage } from '../../src/deploy/deploy-stage.ts';
import { codepipeline, ecs, stage, stageConfig, TAG_PARAMETER, World } from './world.ts';

const RELEASED: string[] = [
  'cdk deploy, zero tasks',
  'cdk deploy',
  'update shop-dev-cluster/shop-dev-api: new deployment',
];

describe('npm run deploy, a new stage (no deployed tag)', () => {
  it('GIVEN a pipeline run already in progress WHEN deployed THEN zero tasks, that run followed with progress, the template again, then the service started', async () => {
    const world = new World();
    world.latest = { pipelineExecutionId: 'exec-1', status: 'InProgress' };
    world.polls = [
      { status: 'InProgress', stages: [stage('Source', 'Succeeded'), stage('Build', 'InProgress')] },
      { status: 'InProgress', stages: [stage('Build', 'Succeeded'), stage('Migrate', 'InProgress')] },
      { status: 'InProgress', stages: [stage('Migrate', 'Succeeded'), stage('Deploy', 'InProgress')] },
      { status: 'Succeeded', stages: [stage('Deploy', 'Succeeded'), stage('Record', 'Succeeded')] },
    ];

    expect(await deployStage(stageConfig(), world.deps())).toBe(0);

    expect(world.events).toEqual(RELEASED);
    expect(codepipeline.commandCalls(StartPipelineExecutionCommand)).toHaveLength(0);
    expect(world.lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\[1\/4\] shop-dev: no image deployed yet .*zero tasks/),
        expect.stringMatching(/^\[2\/4\] .*shop-dev-backend/),
        '  following execution exec-1, already in progress',
        '  Build: InProgress',
        '  Migrate: InProgress',
        '  Record: Succeeded',
        '[3/4] Deploying the stacks again with the deployed image tag-of-exec-1.',
        '  api: starting 1 task(s)',
        '  shop-dev-api: 1/1 running',
      ]),
    );
    // Each stage's status is printed once, however often it is polled.
    expect(world.lines.filter((line) => line === '  Build: InProgress')).toHaveLength(1);
  });

  it('GIVEN no run in progress WHEN deployed THEN it starts one and follows it', async () => {
    const world = new World();
    world.latest = { pipelineExecutionId: 'old', status: 'Succeeded' };
    world.polls = [{ status: 'Succeeded', stages: [stage('Record', 'Succeeded', [], 'started')] }];

    expect(await deployStage(stageConfig(), world.deps())).toBe(0);

    expect(world.events).toEqual([RELEASED[0], 'start pipeline', ...RELEASED.slice(1)]);
    expect(codepipeline.commandCalls(GetPipelineExecutionCommand)[0]?.args[0].input).toEqual({
      pipelineName: 'shop-dev-backend',
      pipelineExecutionId: 'started',
    });
  });

  it('GIVEN the run fails at Migrate WHEN deployed THEN it names the action and its error, exits 1 and starts nothing', async () => {
    const world = new World();
    world.latest = { pipelineExecutionId: 'exec-1', status: 'InProgress' };
    const liquibase = {
      actionName: 'Liquibase',
      latestExecution: {
        status: 'Failed' as const,
        errorDetails: { message: 'Error while executing command: migrate-steps.sh' },
        externalExecutionUrl: 'https://console.example/build/1',
      },
    };
    world.polls = [{ status: 'Failed', stages: [stage('Migrate', 'Failed', [liquibase])] }];

    expect(await deployStage(stageConfig(), world.deps())).toBe(1);

    expect(world.events).toEqual(['cdk deploy, zero tasks']);
    expect(world.lines).toContain(
      '  shop-dev-backend failed: Migrate/Liquibase failed: Error while executing command: migrate-steps.sh ' +
        '(https://console.example/build/1)',
    );
    expect(ecs.commandCalls(UpdateServiceCommand)).toHaveLength(0);
  });

  it('GIVEN prod waiting at Approve WHEN deployed THEN it says how to approve, once, and goes on after the approval', async () => {
    const world = new World('prod');
    world.latest = { pipelineExecutionId: 'exec-1', status: 'InProgress' };
    const waiting = stage('Approve', 'InProgress', [
      { actionName: 'ApproveRelease', latestExecution: { status: 'InProgress', token: 'token-1' } },
    ]);
    world.polls = [
      { status: 'InProgress', stages: [waiting] },
      { status: 'InProgress', stages: [waiting] },
      { status: 'Succeeded', stages: [stage('Approve', 'Succeeded'), stage('Record', 'Succeeded')] },
    ];
    expect(await deployStage(stageConfig('prod'), world.deps())).toBe(0);

    const hints = world.lines.filter((line) => line.includes('waiting for a manual approval'));
    expect(hints).toHaveLength(1);
    expect(hints[0]).toContain('aws codepipeline put-approval-result');
    expect(world.events.at(-1)).toBe('update shop-prod-cluster/shop-prod-api: new deployment');
  });

  it('GIVEN its run is superseded by a newer commit WHEN deployed THEN it follows the newer run', async () => {
    const world = new World();
    world.latest = { pipelineExecutionId: 'exec-1', status: 'InProgress' };
    world.polls = [{ status: 'Superseded' }, { status: 'Succeeded' }];

    expect(await deployStage(stageConfig(), world.deps())).toBe(0);

    expect(world.lines).toContain(
      '  execution exec-1 was superseded by exec-2, a newer commit: following it',
    );
    const followed = codepipeline.commandCalls(GetPipelineExecutionCommand).map((c) => c.args[0].input);
    expect(followed.map((input) => input.pipelineExecutionId)).toEqual(['exec-1', 'exec-2']);
    expect(world.lines).toContain('[3/4] Deploying the stacks again with the deployed image tag-of-exec-2.');
  });

  it("GIVEN the image's tasks fail their health checks WHEN started THEN the circuit breaker's reason ends it with exit 1", async () => {
    const world = new World();
    world.latest = { pipelineExecutionId: 'exec-1', status: 'InProgress' };
    world.polls = [{ status: 'Succeeded' }];
    world.unhealthyImage = true;

    expect(await deployStage(stageConfig(), world.deps())).toBe(1);

    expect(world.events).toEqual(RELEASED);
    expect(world.lines.at(-1)).toBe(
      '  shop-dev-api: the deployment failed: ECS deployment circuit breaker: tasks failed.',
    );
  });

  it('GIVEN the stage has no pipeline WHEN deployed THEN it deploys with zero tasks and says what releases the first image', async () => {
    const world = new World();

    expect(await deployStage(stageConfig('dev', false), world.deps())).toBe(0);

    expect(world.events).toEqual(['cdk deploy, zero tasks']);
    expect(world.lines[0]).toMatch(/^\[1\/1\] /);
    expect(world.lines.at(-1)).toMatch(/zero tasks: without a pipeline \(pipeline.connectionArn\)/);
    expect(codepipeline.calls()).toHaveLength(0);
  });

  it('GIVEN the first cdk deploy fails WHEN deployed THEN its exit code is returned and nothing else runs', async () => {
    const world = new World();
    world.cdkCodes = [2];

    expect(await deployStage(stageConfig(), world.deps())).toBe(2);

    expect(world.events).toEqual(['cdk deploy, zero tasks']);
    expect(codepipeline.calls()).toHaveLength(0);
  });

  it('GIVEN a pipeline that is still running when the wait runs out THEN it says the run goes on and exits 1', async () => {
    const world = new World();
    world.latest = { pipelineExecutionId: 'exec-1', status: 'InProgress' };

    expect(await deployStage(stageConfig(), { ...world.deps(), maxPolls: 3 })).toBe(1);

    expect(world.lines.at(-1)).toMatch(/still running after 1 min; .*Run the same command again/);
    expect(world.events).toEqual(['cdk deploy, zero tasks']);
  });

  it('GIVEN a deployed-tag parameter left by a deleted stack WHEN deployed THEN it is a first deploy again', async () => {
    const world = new World();
    world.parameters.set(TAG_PARAMETER, 'left-behind');

    await deployStage(stageConfig('dev', false), world.deps());

    expect(world.events).toEqual(['cdk deploy, zero tasks']);
  });
});

describe('npm run deploy, a stage the pipeline has deployed to', () => {
  it('GIVEN a running service WHEN deployed THEN one cdk deploy that resolves the tag itself, no pipeline run, no scaling', async () => {
    const world = new World().deployed('0123456789ab', 2);

    expect(await deployStage(stageConfig(), world.deps())).toBe(0);

    expect(world.events).toEqual(['cdk deploy']);
    expect(world.lines[0]).toBe(
      'shop-dev: the pipeline last deployed image 0123456789ab; the template runs it.',
    );
    expect(codepipeline.calls()).toHaveLength(0);
  });

  it('GIVEN a first deploy interrupted after the pipeline WHEN deployed again THEN autoscaling starts the service and it waits for it', async () => {
    const world = new World().deployed('0123456789ab', 0);

    expect(await deployStage(stageConfig(), world.deps())).toBe(0);

    expect(world.events).toEqual(['cdk deploy']);
    expect(world.lines.at(-1)).toBe('  shop-dev-api: 1/1 running');
  });

  it('GIVEN a service still at zero tasks after the deploy WHEN deployed THEN it sets it to minTasks', async () => {
    const world = new World().deployed('0123456789ab', 0);
    world.autoscalingRaisesCount = false;

    expect(await deployStage(stageConfig(), world.deps())).toBe(0);

    expect(world.events).toEqual(['cdk deploy', 'update shop-dev-cluster/shop-dev-api: desired 1']);
  });

  it('GIVEN the tasks fail their health checks WHEN started THEN the circuit breaker reason is printed and it exits 1', async () => {
    const world = new World().deployed('0123456789ab', 0);
    world.service.rolloutState = 'FAILED';
    world.service.rolloutStateReason = 'ECS deployment circuit breaker: tasks failed to start.';

    expect(await deployStage(stageConfig(), world.deps())).toBe(1);

    expect(world.lines.at(-1)).toBe(
      '  shop-dev-api: the deployment failed: ECS deployment circuit breaker: tasks failed to start.',
    );
  });
});

describe('the cdk deploy it runs', () => {
  it('THEN it deploys every stack of the stage, looks the NAT image up, and asks for zero tasks only on a first deploy', () => {
    const config = stageConfig('prod');
    expect(cdkDeployArgs(config, true, ['--require-approval', 'never'])).toEqual([
      'cdk',
      'deploy',
      '-c',
      'stage=prod',
      'shop-prod*',
      '-c',
      'shoestring:natImageLookup=true',
      '-c',
      'shoestring:firstDeploy=true',
      '--require-approval',
      'never',
    ]);
    expect(cdkDeployArgs(config, false)).not.toContain('shoestring:firstDeploy=true');
  });
});
