// Starts the NAT instance for a pipeline job and stops it when the migrate stage ends.
// Plain JavaScript on purpose: the Lambda Node.js runtime runs it as is, with the AWS SDK v3 it ships,
// so the stack needs no bundler at synth time. The logic is tested in packages/infra/test/pipelines.
import {
  CodePipelineClient,
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

/**
 * @param {{ ec2: EC2Client, codepipeline: CodePipelineClient, instanceId: string, maxWaitSeconds?: number,
 *           pollSeconds?: number, log?: (line: string) => void }} deps
 * @returns {(event: any) => Promise<string>}
 */
export function createHandler({
  ec2,
  codepipeline,
  instanceId,
  maxWaitSeconds = 240,
  pollSeconds = 5,
  log = console.log,
}) {
  const waiter = { client: ec2, maxWaitTime: maxWaitSeconds, minDelay: pollSeconds, maxDelay: pollSeconds };
  const ids = { InstanceIds: [instanceId] };

  // A release right after the previous one can find the instance still stopping; EC2 refuses to start it then.
  const startInstance = async () => {
    try {
      await ec2.send(new StartInstancesCommand(ids));
    } catch (error) {
      if (error?.name !== 'IncorrectInstanceState') throw error;
      log(`NAT instance ${instanceId} is stopping; waiting for it to stop before starting it`);
      await waitUntilInstanceStopped(waiter, ids);
      await ec2.send(new StartInstancesCommand(ids));
    }
  };

  const start = async (jobId) => {
    try {
      await startInstance();
      await waitUntilInstanceRunning(waiter, ids);
      log(`NAT instance ${instanceId} is running`);
      await codepipeline.send(new PutJobSuccessResultCommand({ jobId }));
      return 'started';
    } catch (error) {
      log(`Could not start NAT instance ${instanceId}: ${error}`);
      await codepipeline.send(
        new PutJobFailureResultCommand({
          jobId,
          failureDetails: {
            type: 'JobFailed',
            message: `Could not start NAT instance ${instanceId}: ${String(error).slice(0, 400)}`,
          },
        }),
      );
      return 'failed';
    }
  };

  const stop = async (event) => {
    const state = event?.detail?.state ?? 'unknown';
    await ec2.send(new StopInstancesCommand(ids));
    log(`Stopping NAT instance ${instanceId}: stage ${event?.detail?.stage} ended ${state}`);
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
  instanceId: process.env.NAT_INSTANCE_ID ?? '',
});
