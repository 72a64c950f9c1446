import {
  CodePipelineClient,
  GetPipelineStateCommand,
  type GetPipelineStateCommandOutput,
  PutJobFailureResultCommand,
  PutJobSuccessResultCommand,
} from '@aws-sdk/client-codepipeline';
import {
  DescribeInstancesCommand,
  type DescribeInstancesCommandOutput,
  EC2Client,
  EC2ServiceException,
  type InstanceStateName,
  StartInstancesCommand,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../src/constructs/pipelines/nat-switch-handler/index.mjs';

const INSTANCE = 'i-0123456789abcdef0';
const ec2 = new EC2Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const codepipeline = new CodePipelineClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
});
const ssm = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const ec2Mock = mockClient(ec2);
const pipelineMock = mockClient(codepipeline);
const ssmMock = mockClient(ssm);
const PARAMETER = '/shop/dev/network/nat-instance-id';
const lines: string[] = [];
const handler = createHandler({
  ec2,
  codepipeline,
  ssm,
  instanceParameter: PARAMETER,
  maxWaitSeconds: 10,
  pollSeconds: 1,
  log: (line) => lines.push(line),
});
const describeState = (state: InstanceStateName): DescribeInstancesCommandOutput => ({
  $metadata: {},
  Reservations: [{ Instances: [{ InstanceId: INSTANCE, State: { Name: state } }] }],
});
const pipelineJob = { 'CodePipeline.job': { id: 'job-1' } };

/** GetPipelineState of the backend pipeline with the Migrate stage's latest execution as given. */
const migrateStage = (status: string, pipelineExecutionId: string): GetPipelineStateCommandOutput => ({
  $metadata: {},
  pipelineName: 'shop-dev-backend',
  stageStates: [
    { stageName: 'Build', latestExecution: { status: 'Succeeded', pipelineExecutionId } },
    { stageName: 'Migrate', latestExecution: { status: status as never, pipelineExecutionId } },
  ],
});
/** The event EventBridge delivers when execution `execution` leaves the Migrate stage. */
const migrateEnded = (execution: string, state = 'SUCCEEDED') => ({
  source: 'aws.codepipeline',
  'detail-type': 'CodePipeline Stage Execution State Change',
  detail: { pipeline: 'shop-dev-backend', stage: 'Migrate', state, 'execution-id': execution },
});

beforeEach(() => {
  ec2Mock.reset();
  pipelineMock.reset();
  ssmMock.reset();
  ssmMock.on(GetParameterCommand, { Name: PARAMETER }).resolves({ Parameter: { Value: INSTANCE } });
  lines.length = 0;
});

describe('NAT switch handler', () => {
  it('starts the instance for a pipeline job, waits until it runs, then reports success', async () => {
    ec2Mock.on(DescribeInstancesCommand).resolves(describeState('running'));

    expect(await handler(pipelineJob)).toBe('started');

    expect(ec2Mock.commandCalls(StartInstancesCommand)[0]?.args[0].input).toEqual({
      InstanceIds: [INSTANCE],
    });
    expect(ec2Mock.commandCalls(DescribeInstancesCommand).length).toBeGreaterThan(0);
    expect(pipelineMock.commandCalls(PutJobSuccessResultCommand)[0]?.args[0].input).toEqual({
      jobId: 'job-1',
    });
    expect(pipelineMock.commandCalls(PutJobFailureResultCommand)).toHaveLength(0);
  });

  it('waits for a stopping instance to stop before starting it again', async () => {
    const incorrectState = new EC2ServiceException({
      name: 'IncorrectInstanceState',
      $fault: 'client',
      $metadata: {},
      message: 'The instance is not in a state from which it can be started.',
    });
    ec2Mock.on(StartInstancesCommand).rejectsOnce(incorrectState).resolves({});
    ec2Mock
      .on(DescribeInstancesCommand)
      .resolvesOnce(describeState('stopped'))
      .resolves(describeState('running'));

    expect(await handler(pipelineJob)).toBe('started');

    expect(ec2Mock.commandCalls(StartInstancesCommand)).toHaveLength(2);
    expect(lines[0]).toContain('is stopping');
  });

  it('fails the pipeline job, naming the instance, when EC2 refuses', async () => {
    ec2Mock.on(StartInstancesCommand).rejects(new Error('UnauthorizedOperation'));

    expect(await handler(pipelineJob)).toBe('failed');

    const failure = pipelineMock.commandCalls(PutJobFailureResultCommand)[0]?.args[0].input;
    expect(failure?.jobId).toBe('job-1');
    expect(failure?.failureDetails?.message).toContain(INSTANCE);
    expect(pipelineMock.commandCalls(PutJobSuccessResultCommand)).toHaveLength(0);
  });

  it('starts the instance the parameter names now, so a NAT replaced by a new AMI is found', async () => {
    ssmMock.on(GetParameterCommand).resolves({ Parameter: { Value: 'i-0fedcba9876543210' } });
    ec2Mock.on(DescribeInstancesCommand).resolves(describeState('running'));

    expect(await handler(pipelineJob)).toBe('started');

    expect(ssmMock.commandCalls(GetParameterCommand)[0]?.args[0].input).toEqual({ Name: PARAMETER });
    expect(ec2Mock.commandCalls(StartInstancesCommand)[0]?.args[0].input).toEqual({
      InstanceIds: ['i-0fedcba9876543210'],
    });
  });

  it('fails the pipeline job, naming the parameter, when it holds no instance id', async () => {
    ssmMock.on(GetParameterCommand).resolves({ Parameter: {} });

    expect(await handler(pipelineJob)).toBe('failed');

    expect(ec2Mock.commandCalls(StartInstancesCommand)).toHaveLength(0);
    const failure = pipelineMock.commandCalls(PutJobFailureResultCommand)[0]?.args[0].input;
    expect(failure?.failureDetails?.message).toContain(PARAMETER);
  });

  it('stops the instance when the migrate stage ends and no execution is in it, whatever its state', async () => {
    pipelineMock.on(GetPipelineStateCommand).resolves(migrateStage('Failed', 'exec-a'));

    expect(await handler(migrateEnded('exec-a', 'FAILED'))).toBe('stopping');

    expect(pipelineMock.commandCalls(GetPipelineStateCommand)[0]?.args[0].input).toEqual({
      name: 'shop-dev-backend',
    });
    expect(ec2Mock.commandCalls(StopInstancesCommand)[0]?.args[0].input).toEqual({ InstanceIds: [INSTANCE] });
    expect(lines).toEqual([
      `Stopping NAT instance ${INSTANCE}: stage Migrate of execution exec-a ended FAILED`,
    ]);
  });

  it("keeps the instance when A's late end event arrives while B is migrating, and stops it after B", async () => {
    // SUPERSEDED: B entered Migrate as soon as A left it; A's SUCCEEDED event is delivered only now.
    pipelineMock.on(GetPipelineStateCommand).resolvesOnce(migrateStage('InProgress', 'exec-b'));
    ec2Mock.on(DescribeInstancesCommand).resolves(describeState('running'));

    expect(await handler(migrateEnded('exec-a'))).toBe('kept');
    expect(ec2Mock.commandCalls(StopInstancesCommand)).toHaveLength(0);
    expect(lines).toEqual([
      'Keeping the NAT instance: execution exec-b is in stage Migrate (exec-a ended SUCCEEDED)',
    ]);

    // B's own end stops it once nobody is in the stage.
    pipelineMock.on(GetPipelineStateCommand).resolves(migrateStage('Succeeded', 'exec-b'));
    expect(await handler(migrateEnded('exec-b'))).toBe('stopping');
    expect(ec2Mock.commandCalls(StopInstancesCommand)).toHaveLength(1);
  });

  it('does not stop the instance when it cannot tell whether the stage is in use', async () => {
    pipelineMock.on(GetPipelineStateCommand).rejects(new Error('AccessDeniedException'));

    await expect(handler(migrateEnded('exec-a'))).rejects.toThrow('AccessDeniedException');

    // The rule retries the event (retryAttempts); a NAT left running costs cents, a cut migration a release.
    expect(ec2Mock.commandCalls(StopInstancesCommand)).toHaveLength(0);
  });
});
