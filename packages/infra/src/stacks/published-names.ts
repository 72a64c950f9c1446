import type { StageConfig } from '../config/types.ts';

/** SSM prefix of a stage's published outputs: `/shoestring/dev`. */
export function parameterPrefix(config: Pick<StageConfig, 'project' | 'stage'>): string {
  return `/${config.project}/${config.stage}`;
}

/** Keys of runtime outputs that tools outside the stacks read (`<parameterPrefix>/<key>`). No CDK import here. */
export const RUNTIME_OUTPUT_KEYS = {
  /** The API image repository (its name is CloudFormation's, so read it here). */
  ecrRepositoryName: 'ecr/repository-name',
} as const;
