import type { StageConfig } from '../config/types.ts';

/** SSM prefix of a stage's published outputs: `/shoestring/dev`. */
export function parameterPrefix(config: Pick<StageConfig, 'project' | 'stage'>): string {
  return `/${config.project}/${config.stage}`;
}

/** Keys of runtime outputs that tools outside the stacks read (`<parameterPrefix>/<key>`). No CDK import here. */
export const RUNTIME_OUTPUT_KEYS = {
  /** The API image repository (its name is CloudFormation's, so read it here). */
  ecrRepositoryName: 'ecr/repository-name',
  /** The ECS cluster; `npm run deploy` also reads it to tell whether the runtime stack is deployed. */
  ecsClusterName: 'ecs/cluster-name',
} as const;

/** Key of the ECS service name of the configured service `name` (`api`, `catalog`). */
export function serviceNameKey(name: string): string {
  return `ecs/${name}/service-name`;
}
