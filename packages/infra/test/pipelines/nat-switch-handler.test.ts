import {
  CodePipelineClient,
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
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHandler } from '../../src/constructs/pipelines/nat-switch-handler/index.mjs';

const INSTANCE = 'i-0123456789abcdef0';
const ec2 = new EC2Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const codepipeline = new CodePipelineClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
});
const ec2Mock = mockClient(ec2);
const pipelineMock = mockClient(codepipeline);
const lines: string[] = [];
const handler = createHandler({
  ec2,
  codepipeline,
  instanceId: INSTANCE,
  maxWaitSeconds: 10,
  pollSeconds: 1,
  log: (line) => lines.push(line),
});
const describeState = (state: InstanceStateName): DescribeInstancesCommandOutput => ({
  $metadata: {},
  Reservations: [{ Instances: [{ InstanceId: INSTANCE, State: { Name: state } }] }],
});
const pipelineJob = { 'CodePipeline.job': { id: 'job-1' } };

beforeEach(() => {
  ec2Mock.reset();
  pipelineMock.reset();
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

  it('stops the instance when the migrate stage ends, whatever its state', async () => {
    const event = {
      source: 'aws.codepipeline',
      'detail-type': 'CodePipeline Stage Execution State Change',
      detail: { pipeline: 'shop-dev-backend', stage: 'Migrate', state: 'FAILED' },
    };

    expect(await handler(event)).toBe('stopping');

    expect(ec2Mock.commandCalls(StopInstancesCommand)[0]?.args[0].input).toEqual({ InstanceIds: [INSTANCE] });
    expect(lines).toEqual([`Stopping NAT instance ${INSTANCE}: stage Migrate ended FAILED`]);
  });
});
