import type { App } from 'aws-cdk-lib';
import type { StageConfig } from './config/types.ts';
import { NAT_IMAGE_LOOKUP_CONTEXT } from './constructs/network.ts';
import { addPipelineStack, type PipelineStack } from './stacks/pipeline-stack.ts';
import { RuntimeStack } from './stacks/runtime-stack.ts';

/** CDK context keys `bin/app.ts` understands (`cdk synth -c stage=dev`). */
export const CONTEXT = {
  /** Synthesize only this stage. */
  stage: 'stage',
  /**
   * `true` while no image has been deployed (`npm run deploy` finds no deployed tag): services start with zero
   * tasks. Otherwise the template reads the tag the pipeline last deployed (ADR 0124).
   */
  firstDeploy: 'shoestring:firstDeploy',
  /** `true` under `npm run deploy`: look up the pinned NAT image (`network.natImage: 'pinned'`). */
  natImageLookup: NAT_IMAGE_LOOKUP_CONTEXT,
} as const;

/** The stacks of one stage. */
export interface StageStacks {
  readonly runtime: RuntimeStack;
  /** Site and backend pipelines; only when `pipeline.connectionArn` is set. */
  readonly pipelines?: PipelineStack;
}

/** Adds a stage's stacks to the app; context values come in already parsed. */
export function addStage(
  app: App,
  config: StageConfig,
  options: { firstDeploy?: boolean } = {},
): StageStacks {
  const runtime = new RuntimeStack(app, `${config.project}-${config.stage}`, {
    config,
    startWithZeroTasks: options.firstDeploy,
  });
  return { runtime, pipelines: addPipelineStack(app, runtime) };
}
