import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addStage } from '../../src/app.ts';
import { createApp } from '../../src/cdk-app.ts';
import { resolveStage } from '../../src/config/index.ts';
import type { ShoestringConfigInput, StageConfig } from '../../src/config/types.ts';
import type { RuntimeStack } from '../../src/stacks/runtime-stack.ts';

/** A fixed account and region so tests never depend on the environment. */
export const TEST_ENV = { account: '123456789012', region: 'us-east-1' } as const;

export interface SynthesizedStage {
  readonly config: StageConfig;
  readonly stack: RuntimeStack;
  readonly template: Template;
  /** The template as one JSON string, for "nothing like X anywhere" checks. */
  readonly json: string;
}

/** Resolves `stage` of `input` and synthesizes its runtime stack. Expensive: call once per file (beforeAll). */
export function synthStage(
  input: ShoestringConfigInput = {},
  stage = 'dev',
  options: { firstDeploy?: boolean; nag?: boolean; extend?: (stack: RuntimeStack) => void } = {},
): SynthesizedStage {
  const config = resolveStage(input, stage, TEST_ENV);
  // CDK's built-in template lint only ever warns and takes most of the synth time; cdk-nag is the gate here.
  const app = createApp({ builtinCloudFormationValidation: false });
  if (options.nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const { runtime } = addStage(app, config, { firstDeploy: options.firstDeploy });
  options.extend?.(runtime);
  const template = Template.fromStack(runtime);
  return { config, stack: runtime, template, json: JSON.stringify(template.toJSON()) };
}

/** Resources of one type, by logical id. */
export function resourcesOf(
  template: Template,
  type: string,
): Record<string, { Properties: Record<string, unknown> }> {
  return template.findResources(type) as Record<string, { Properties: Record<string, unknown> }>;
}
