import type { StageConfig } from '../config/types.ts';
import { deployedTagParameter } from '../images.ts';
import { backendPipelineName } from '../stacks/pipeline-stack.ts';
import { parameterPrefix, RUNTIME_OUTPUT_KEYS, serviceNameKey } from '../stacks/published-names.ts';
import { runtimeStackName } from '../stacks/runtime-stack.ts';

/** What `npm run deploy` looks at and acts on for one stage, all derived from the config. */
export interface StageTargets {
  readonly runtimeStack: string;
  /** The backend pipeline, when the stage has a git connection (`pipeline.connectionArn`). */
  readonly backendPipeline?: string;
  /** The parameter the pipeline's Record stage writes after Deploy (ADR 0124). */
  readonly deployedTagParameter: string;
  /** The runtime stack's published parameters (runtime-outputs.ts) naming the cluster and each service. */
  readonly clusterParameter: string;
  readonly services: readonly {
    readonly name: string;
    readonly parameter: string;
    readonly minTasks: number;
  }[];
}

export function stageTargets(config: StageConfig): StageTargets {
  const prefix = parameterPrefix(config);
  return {
    runtimeStack: runtimeStackName(config),
    backendPipeline: config.pipeline.connectionArn ? backendPipelineName(config) : undefined,
    deployedTagParameter: deployedTagParameter(prefix),
    clusterParameter: `${prefix}/${RUNTIME_OUTPUT_KEYS.ecsClusterName}`,
    services: Object.entries(config.services).map(([name, settings]) => ({
      name,
      parameter: `${prefix}/${serviceNameKey(name)}`,
      minTasks: settings.minTasks,
    })),
  };
}
