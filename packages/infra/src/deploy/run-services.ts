import { DescribeServicesCommand, type ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { Waiting } from './follow-pipeline.ts';
import type { StageTargets } from './stage-targets.ts';

/** A String parameter's value, or undefined when it does not exist. */
export async function readParameter(client: SSMClient, name: string): Promise<string | undefined> {
  try {
    const { Parameter } = await client.send(new GetParameterCommand({ Name: name }));
    return Parameter?.Value;
  } catch (error) {
    if ((error as Error).name === 'ParameterNotFound') return undefined;
    throw error;
  }
}

/**
 * Starts the stage's services that have zero tasks at their `minTasks`, then waits until every service runs its
 * desired count, printing the counts as they change. Autoscaling owns the count afterwards. With `redeploy` (the
 * end of a first deploy, whose tasks never ran the image yet) every service gets a new deployment, so the circuit
 * breaker judges the image's first tasks and a failure is reported instead of retried for ever. Resolves false
 * (after saying why) when a deployment fails or the wait runs out.
 */
export async function runServices(
  clients: { readonly ssm: SSMClient; readonly ecs: ECSClient },
  targets: StageTargets,
  waiting: Waiting,
  redeploy = false,
): Promise<boolean> {
  const cluster = await required(clients.ssm, targets.clusterParameter);
  const services = await Promise.all(
    targets.services.map(async (service) => ({
      ...service,
      serviceName: await required(clients.ssm, service.parameter),
    })),
  );
  const describe = async () => {
    const { services: described = [] } = await clients.ecs.send(
      new DescribeServicesCommand({ cluster, services: services.map((s) => s.serviceName) }),
    );
    return described;
  };
  for (const current of await describe()) {
    const service = services.find((s) => s.serviceName === current.serviceName);
    const start = current.desiredCount === 0;
    if (!service || !(start || redeploy)) continue;
    waiting.log(`  ${service.name}: starting ${start ? service.minTasks : current.desiredCount} task(s)`);
    await clients.ecs.send(
      new UpdateServiceCommand({
        cluster,
        service: service.serviceName,
        desiredCount: start ? service.minTasks : undefined,
        forceNewDeployment: redeploy || undefined,
      }),
    );
  }
  const printed = new Map<string, string>();
  for (let poll = 0; poll < waiting.maxPolls; poll++) {
    const described = await describe();
    for (const current of described) {
      const counts = `${current.runningCount ?? 0}/${current.desiredCount ?? 0} running`;
      if (printed.get(current.serviceName ?? '') !== counts)
        waiting.log(`  ${current.serviceName}: ${counts}`);
      printed.set(current.serviceName ?? '', counts);
      const failed = current.deployments?.find((d) => d.rolloutState === 'FAILED');
      if (failed) {
        waiting.log(`  ${current.serviceName}: the deployment failed: ${failed.rolloutStateReason ?? ''}`);
        return false;
      }
    }
    const ready = described.every(
      (s) =>
        (s.desiredCount ?? 0) > 0 &&
        s.runningCount === s.desiredCount &&
        (s.deployments ?? []).every((d) => d.status !== 'PRIMARY' || d.rolloutState !== 'IN_PROGRESS'),
    );
    if (described.length === services.length && ready) return true;
    await waiting.sleep(waiting.pollMs);
  }
  waiting.log(
    '  the services are not running yet; ECS keeps trying (see the service events in the console).',
  );
  return false;
}

async function required(client: SSMClient, name: string): Promise<string> {
  const value = await readParameter(client, name);
  if (value === undefined) throw new Error(`${name} does not exist: is the runtime stack deployed?`);
  return value;
}
