import { Type } from 'typebox';

/**
 * Fargate's task sizes: the memory (MiB) each CPU value allows, exactly AWS's table (ECS developer guide, "Task
 * CPU and memory" for Fargate; Linux values). 256 CPU is the only one without a regular step: 1536 is refused.
 */
export const FARGATE_MEMORY: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: steps(1024, 4096, 1024),
  1024: steps(2048, 8192, 1024),
  2048: steps(4096, 16384, 1024),
  4096: steps(8192, 30720, 1024),
  8192: steps(16384, 61440, 4096),
  16384: steps(32768, 122880, 8192),
};

function steps(min: number, max: number, step: number): number[] {
  return Array.from({ length: (max - min) / step + 1 }, (_, i) => min + i * step);
}

/** ECS's ceiling for a container's `stopTimeout` (ECS task definition reference). */
export const ECS_MAX_STOP_TIMEOUT_SECONDS = 120;
/** The API's request deadline in the cloud, passed to it as `REQUEST_TIMEOUT_MS`. */
export const REQUEST_TIMEOUT_SECONDS = 10;
/**
 * Seconds after the drain before ECS may SIGKILL: the API gives in-flight requests their timeout plus 5 s to finish
 * (apps/api/src/server.ts) and we keep 5 s more for the pool and the tracer to close.
 */
const STOP_GRACE_SECONDS = REQUEST_TIMEOUT_SECONDS + 10;

/** The longest drain whose stop timeout ECS still accepts. */
export const MAX_DRAIN_SECONDS = ECS_MAX_STOP_TIMEOUT_SECONDS - STOP_GRACE_SECONDS;

/** The container's `stopTimeout`: the drain window, then the in-flight requests, then closing. */
export function stopTimeoutSeconds(drainSeconds: number): number {
  return drainSeconds + STOP_GRACE_SECONDS;
}

export const ArchitectureSchema = Type.Enum(['arm64', 'x86_64'], {
  default: 'arm64',
  description: 'CPU architecture of the tasks. arm64 is 20% cheaper than x86 on Fargate; Spot needs x86_64.',
});

export const RoutingPolicySchema = Type.Enum(['multivalue', 'weighted'], {
  default: 'multivalue',
  description: 'Cloud Map routing policy of the DNS records (Route 53 "simple" is not offered by Cloud Map).',
});

const percentTarget = (value: number, what: string) =>
  Type.Integer({ default: value, minimum: 10, maximum: 95, description: `Target average ${what}, percent.` });

export const ServiceSchema = Type.Object(
  {
    modules: Type.Array(Type.String(), {
      default: ['*'],
      minItems: 1,
      fix: '["*"] for every module, or list the modules this service runs',
      description:
        "Modules this service runs (the API's `MODULES`). `['*']` runs every module and is allowed only when " +
        'there is a single service. Modules served by another service are reached at `http://<service>.<namespace>:8080`.',
    }),
    cpu: Type.Enum(Object.keys(FARGATE_MEMORY).map(Number), {
      default: 256,
      fix: `a Fargate CPU value: ${Object.keys(FARGATE_MEMORY).join(', ')}`,
      description: 'Task CPU units (256 = 0.25 vCPU). With `memoryMiB` it must be a Fargate task size.',
    }),
    memoryMiB: Type.Integer({
      default: 512,
      description: 'Task memory in MiB; the values each `cpu` allows are `FARGATE_MEMORY`.',
    }),
    architecture: ArchitectureSchema,
    spotPercent: Type.Integer({
      default: 0,
      minimum: 0,
      maximum: 100,
      description: 'Percent of tasks placed on Fargate Spot (x86 only; one task always stays on demand).',
    }),
    minTasks: Type.Integer({ default: 1, minimum: 1, maximum: 100, description: 'Autoscaling floor.' }),
    maxTasks: Type.Integer({ default: 2, minimum: 1, maximum: 100, description: 'Autoscaling ceiling.' }),
    cpuTargetPercent: percentTarget(70, 'CPU utilisation'),
    memoryTargetPercent: percentTarget(75, 'memory utilisation'),
    routingPolicy: RoutingPolicySchema,
    drainSeconds: Type.Integer({
      default: 60,
      minimum: 0,
      maximum: MAX_DRAIN_SECONDS,
      hint: `ECS stops a task at most ${ECS_MAX_STOP_TIMEOUT_SECONDS} s after SIGTERM and the API needs ${STOP_GRACE_SECONDS} s after the drain`,
      description:
        'Seconds a stopping task keeps serving after SIGTERM. ECS deregisters the task from Cloud Map and sends ' +
        "SIGTERM at once, but API Gateway's private integration keeps using its cached discovery result for 45 to " +
        '60 s (aws/containers-roadmap#1639), so a shorter drain answers 503 during deploys and scale-in. The ' +
        "container's stopTimeout is this plus the API's request timeout plus closing time (`stopTimeoutSeconds`), " +
        `which must stay within ECS's ${ECS_MAX_STOP_TIMEOUT_SECONDS} s.`,
    }),
  },
  { additionalProperties: false },
);

export const ServicesSchema = Type.Record(Type.String(), ServiceSchema, {
  default: { api: {} },
  minProperties: 1,
  fix: 'at least one service, e.g. { api: { modules: ["*"] } }',
  description:
    "Fargate services by Cloud Map name (lowercase DNS labels). A stage's `services` replaces the shared ones as a " +
    "whole. Split modules with e.g. { api: { modules: ['orders'] }, catalog: { modules: ['catalog'] } }.",
});
