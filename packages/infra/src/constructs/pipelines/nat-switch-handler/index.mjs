// Starts the NAT instance for a pipeline job and stops it when the migrate stage ends.
// Plain JavaScript on purpose: the Lambda Node.js runtime runs it as is, with the AWS SDK v3 it ships,
// so the stack needs no bundler at synth time. The logic is tested in packages/infra/test/pipelines.
import {
  CodePipelineClient,
  GetPipelineStateCommand,
  PutJobFailureResultCommand,
  PutJobSuccessResultCommand,
} from '@aws-sdk/client-codepipeline';
import {
  EC2Client,
  StartInstancesCommand,
  StopInstancesCommand,
  waitUntilInstanceRunning,
  waitUntilInstanceStopped,
} from '@aws-sdk/client-ec2';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';

/**
 * @param {{ ec2: EC2Client, codepipeline: CodePipelineClient, ssm: SSMClient, instanceParameter: string,
 *           maxWaitSeconds?: number, pollSeconds?: number, log?: (line: string) => void }} deps
 * @returns {(event: any) => Promise<string>}
 */
export function createHandler({
  ec2,
  codepipeline,
  ssm,
  instanceParameter,
  maxWaitSeconds = 240,
  pollSeconds = 5,
  log = console.log,
}) {
  const waiter = { client: ec2, maxWaitTime: maxWaitSeconds, minDelay: pollSeconds, maxDelay: pollSeconds };

  // Read at every run: a deploy with a new AMI replaces the instance and the runtime stack updates the parameter.
  const instanceId = async () => {
    const answer = await ssm.send(new GetParameterCommand({ Name: instanceParameter }));
    const id = answer.Parameter?.Value;
    if (!id) throw new Error(`SSM parameter ${instanceParameter} holds no instance id`);
    return id;
  };

  // A release right after the previous one can find the instance still stopping; EC2 refuses to start it then.
  const startInstance = async (ids) => {
    try {
      await ec2.send(new StartInstancesCommand(ids));
    } catch (error) {
      if (error?.name !== 'IncorrectInstanceState') throw error;
      log(`NAT instance ${ids.InstanceIds[0]} is stopping; waiting for it to stop before starting it`);
      await waitUntilInstanceStopped(waiter, ids);
      await ec2.send(new StartInstancesCommand(ids));
    }
  };

  const start = async (jobId) => {
    let id = `(from ${instanceParameter})`;
    try {
      id = await instanceId();
      const ids = { InstanceIds: [id] };
      await startInstance(ids);
      await waitUntilInstanceRunning(waiter, ids);
      log(`NAT instance ${id} is running`);
      await codepipeline.send(new PutJobSuccessResultCommand({ jobId }));
      return 'started';
    } catch (error) {
      log(`Could not start NAT instance ${id}: ${error}`);
      await codepipeline.send(
        new PutJobFailureResultCommand({
          jobId,
          failureDetails: {
            type: 'JobFailed',
            message: `Could not start NAT instance ${id}: ${String(error).slice(0, 400)}`,
          },
        }),
      );
      return 'failed';
    }
  };

  // In SUPERSEDED mode the next execution enters the stage as soon as this one leaves it, possibly before this
  // event arrives. Stopping then would cut that execution's egress; its own end event stops the instance.
  const stageInUse = async (pipeline, stage) => {
    const state = await codepipeline.send(new GetPipelineStateCommand({ name: pipeline }));
    const latest = state.stageStates?.find((s) => s.stageName === stage)?.latestExecution;
    return latest?.status === 'InProgress' ? (latest.pipelineExecutionId ?? 'unknown') : undefined;
  };

  const stop = async (event) => {
    const { pipeline, stage, state = 'unknown' } = event?.detail ?? {};
    const ended = event?.detail?.['execution-id'] ?? 'unknown';
    const running = await stageInUse(pipeline, stage);
    if (running) {
      log(`Keeping the NAT instance: execution ${running} is in stage ${stage} (${ended} ended ${state})`);
      return 'kept';
    }
    const id = await instanceId();
    await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    log(`Stopping NAT instance ${id}: stage ${stage} of execution ${ended} ended ${state}`);
    return 'stopping';
  };

  return async (event) => {
    const job = event?.['CodePipeline.job'];
    return job ? start(job.id) : stop(event);
  };
}

export const handler = createHandler({
  ec2: new EC2Client({}),
  codepipeline: new CodePipelineClient({}),
  ssm: new SSMClient({}),
  instanceParameter: process.env.NAT_INSTANCE_PARAMETER ?? '',
});
