import type { TemplateResource } from '../../template/read.ts';
import {
  asArray,
  asRecord,
  literalNumber,
  literalString,
  referencedId,
  refersTo,
} from '../../template/values.ts';
import type { PricingContext } from '../types.ts';

/** What the template says about one ECS service: task size, architecture, capacity split and task count. */
export interface ServiceFacts {
  readonly service: TemplateResource;
  readonly taskDefinition: TemplateResource | undefined;
  readonly vcpu: number | undefined;
  readonly memoryGb: number | undefined;
  readonly architecture: 'x86' | 'arm';
  /** Fargate Spot share of the tasks beyond the strategy's base, and the base placed on each provider. */
  readonly strategy: CapacityStrategy;
  /** Tasks always running: autoscaling MinCapacity, else DesiredCount (CloudFormation's default is 1). */
  readonly minTasks: number;
  readonly autoscaled: boolean;
  readonly publicIp: boolean;
  readonly launchType: string;
}

export interface CapacityItem {
  readonly provider: string;
  readonly base: number;
  readonly weight: number;
}
export type CapacityStrategy = readonly CapacityItem[];

const ON_DEMAND_ONLY: CapacityStrategy = [{ provider: 'FARGATE', base: 0, weight: 1 }];

export function serviceFacts(service: TemplateResource, ctx: PricingContext): ServiceFacts {
  const p = service.properties;
  const taskDefinitionId = referencedId(p.TaskDefinition);
  const taskDefinition = taskDefinitionId ? ctx.find(service.stack, taskDefinitionId) : undefined;
  const td = taskDefinition?.properties ?? {};
  const cpuUnits = literalNumber(td.Cpu);
  const memoryMb = literalNumber(td.Memory);
  const arch = literalString(asRecord(td.RuntimePlatform).CpuArchitecture);
  const target = ctx
    .byType('AWS::ApplicationAutoScaling::ScalableTarget')
    .find((t) => t.stack === service.stack && refersTo(t.properties.ResourceId, service.logicalId));
  const minCapacity = literalNumber(target?.properties.MinCapacity);
  const desired = p.DesiredCount === undefined ? 1 : literalNumber(p.DesiredCount);
  const awsvpc = asRecord(asRecord(p.NetworkConfiguration).AwsvpcConfiguration);
  return {
    service,
    taskDefinition,
    vcpu: cpuUnits === undefined ? undefined : cpuUnits / 1024,
    memoryGb: memoryMb === undefined ? undefined : memoryMb / 1024,
    architecture: arch === 'ARM64' ? 'arm' : 'x86',
    strategy: capacityStrategy(service, ctx),
    minTasks: minCapacity ?? desired ?? 1,
    autoscaled: target !== undefined,
    publicIp: literalString(awsvpc.AssignPublicIp) === 'ENABLED',
    launchType: literalString(p.LaunchType) ?? 'FARGATE',
  };
}

/** The service's own strategy, else its cluster's default strategy, else plain Fargate. */
function capacityStrategy(service: TemplateResource, ctx: PricingContext): CapacityStrategy {
  const own = parseStrategy(service.properties.CapacityProviderStrategy);
  if (own.length > 0) return own;
  if (service.properties.LaunchType !== undefined) return ON_DEMAND_ONLY;
  const clusterId = referencedId(service.properties.Cluster);
  const association = ctx
    .byType('AWS::ECS::ClusterCapacityProviderAssociations')
    .find(
      (a) =>
        a.stack === service.stack && clusterId !== undefined && refersTo(a.properties.Cluster, clusterId),
    );
  const fallback = parseStrategy(association?.properties.DefaultCapacityProviderStrategy);
  return fallback.length > 0 ? fallback : ON_DEMAND_ONLY;
}

function parseStrategy(value: unknown): CapacityItem[] {
  return asArray(value).map((raw) => {
    const item = asRecord(raw);
    return {
      provider: literalString(item.CapacityProvider) ?? 'unknown',
      base: literalNumber(item.Base) ?? 0,
      weight: literalNumber(item.Weight) ?? 0,
    };
  });
}

/**
 * How many of `tasks` run on Fargate Spot: ECS places each provider's base first, then splits the rest by weight.
 * `tasks` may be an average; the split is proportional.
 */
export function spotTasks(strategy: CapacityStrategy, tasks: number): number {
  let remaining = tasks;
  let spot = 0;
  for (const item of strategy) {
    const placed = Math.min(item.base, remaining);
    remaining -= placed;
    if (item.provider === 'FARGATE_SPOT') spot += placed;
  }
  const totalWeight = strategy.reduce((sum, item) => sum + item.weight, 0);
  const spotWeight = strategy
    .filter((i) => i.provider === 'FARGATE_SPOT')
    .reduce((sum, i) => sum + i.weight, 0);
  if (totalWeight > 0) spot += (remaining * spotWeight) / totalWeight;
  return spot;
}

/** Average tasks of a service under the usage profile: autoscaled services follow `avgTaskCount`, never below min. */
export function averageTasks(facts: ServiceFacts, avgTaskCount: number): number {
  return facts.autoscaled ? Math.max(facts.minTasks, avgTaskCount) : facts.minTasks;
}
