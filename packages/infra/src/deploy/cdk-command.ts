import { CONTEXT } from '../app.ts';
import type { StageConfig } from '../config/types.ts';

/** The `npx` arguments of one `cdk deploy` of every stack of the stage (runtime, and pipelines when configured). */
export function cdkDeployArgs(
  config: Pick<StageConfig, 'project' | 'stage'>,
  firstDeploy: boolean,
  extra: readonly string[] = [],
): string[] {
  return [
    'cdk',
    'deploy',
    '-c',
    `${CONTEXT.stage}=${config.stage}`,
    `${config.project}-${config.stage}*`,
    // Pins the NAT image on the first deploy (cached in cdk.context.json, which belongs in git).
    '-c',
    `${CONTEXT.natImageLookup}=true`,
    ...(firstDeploy ? ['-c', `${CONTEXT.firstDeploy}=true`] : []),
    ...extra,
  ];
}
