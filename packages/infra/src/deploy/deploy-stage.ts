import type { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { StageConfig } from '../config/types.ts';
import { followRelease, type Waiting } from './follow-pipeline.ts';
import { readParameter, runServices } from './run-services.ts';
import { type StageTargets, stageTargets } from './stage-targets.ts';

/** One `cdk deploy` of the stage's stacks; resolves to its exit code. */
export type CdkDeploy = (request: { readonly firstDeploy: boolean }) => Promise<number>;

export interface DeployDeps extends Waiting {
  readonly ssm: SSMClient;
  readonly codepipeline: CodePipelineClient;
  readonly ecs: ECSClient;
  readonly cdk: CdkDeploy;
}

/**
 * `npm run deploy -- --stage NAME`: one command from an empty account (bootstrapped) to a running service, and the
 * same command for every later infrastructure change (ADR 0123).
 *
 * It reads the tag the backend pipeline last deployed (`/<project>/<stage>/ecr/deployed-tag`). With one, a plain
 * `cdk deploy`: the template resolves that tag itself. Without one (a new stage) it deploys the stacks with zero
 * tasks (nothing pulls an image that does not exist, so no image problem can roll the database's stack back),
 * releases the current commit through the stage's backend pipeline (build, approve in prod, migrate, deploy,
 * record the tag) while printing its progress, deploys the template again with the recorded tag and starts the
 * services. Resolves to the exit code.
 */
export async function deployStage(config: StageConfig, deps: DeployDeps): Promise<number> {
  const targets = stageTargets(config);
  const deployed = await deployedTag(deps.ssm, targets);
  if (deployed !== undefined) {
    deps.log(`${targets.runtimeStack}: the pipeline last deployed image ${deployed}; the template runs it.`);
    const code = await deps.cdk({ firstDeploy: false });
    if (code !== 0) return code;
    // A first deploy interrupted before its last step left the services at zero tasks.
    return (await runServices(deps, targets, deps)) ? 0 : 1;
  }
  const steps = targets.backendPipeline ? 4 : 1;
  deps.log(
    `[1/${steps}] ${targets.runtimeStack}: no image deployed yet (no ${targets.deployedTagParameter} for a ` +
      'deployed stack). Deploying the stacks with zero tasks.',
  );
  const first = await deps.cdk({ firstDeploy: true });
  if (first !== 0) return first;
  if (!targets.backendPipeline) return explainNoPipeline(targets, deps.log);
  deps.log(
    `[2/4] Releasing the current commit through ${targets.backendPipeline}: build, migrate, deploy, record.`,
  );
  if (!(await followRelease(deps.codepipeline, targets.backendPipeline, deps))) return 1;
  const tag = await readParameter(deps.ssm, targets.deployedTagParameter);
  if (tag === undefined) {
    deps.log(`${targets.backendPipeline} succeeded but ${targets.deployedTagParameter} is still missing.`);
    return 1;
  }
  deps.log(`[3/4] Deploying the stacks again with the deployed image ${tag}.`);
  const second = await deps.cdk({ firstDeploy: false });
  if (second !== 0) return second;
  deps.log('[4/4] Starting the services on the image (a new deployment, judged by the circuit breaker).');
  if (!(await runServices(deps, targets, deps, true))) return 1;
  deps.log(`${targets.runtimeStack} runs ${tag}. From now on a push to the stage's branch releases.`);
  return 0;
}

/**
 * The tag the pipeline last deployed to the stage's running stack. The parameter belongs to no stack, so it
 * outlives a deleted one; a stage whose runtime stack is gone (its own cluster parameter with it) starts over
 * with an empty database and must be migrated again: that is a first deploy.
 */
async function deployedTag(ssm: SSMClient, targets: StageTargets): Promise<string | undefined> {
  const [tag, cluster] = await Promise.all([
    readParameter(ssm, targets.deployedTagParameter),
    readParameter(ssm, targets.clusterParameter),
  ]);
  return cluster === undefined ? undefined : tag;
}

function explainNoPipeline(targets: StageTargets, log: (line: string) => void): number {
  log(
    `${targets.runtimeStack} is deployed with zero tasks: without a pipeline (pipeline.connectionArn) nothing ` +
      'builds, migrates and deploys an image. Create the connection (docs/operations.md, "First deploy"), put its ' +
      'ARN in shoestring.config.ts and run this command again: it releases the first image and starts the services.',
  );
  return 0;
}
