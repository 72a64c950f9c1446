import { num } from '../../models/charge.ts';
import { fargateMonthly, publicIpv4Monthly } from '../../models/compute.ts';
import type { TemplateResource } from '../../template/read.ts';
import { asRecord, label, literalNumber, literalString, resourceKey } from '../../template/values.ts';
import { type BillLine, line, notPriced, type Pricer, type PricingContext } from '../types.ts';
import { averageTasks, type ServiceFacts, serviceFacts, spotTasks } from './ecs-services.ts';
import { minutesPerRun } from './pipelines.ts';

/** Fargate tasks and their public IPv4 addresses: the template's minimum is fixed, the usage profile's extra is usage. */
export const priceEcsServices: Pricer = (services, ctx) =>
  services.flatMap((service) => priceService(service, ctx));

function priceService(service: TemplateResource, ctx: PricingContext): BillLine[] {
  const facts = serviceFacts(service, ctx);
  const component = ctx.componentOf(service);
  const name = label(service);
  const keys = [resourceKey(service), ...(facts.taskDefinition ? [resourceKey(facts.taskDefinition)] : [])];
  if (facts.launchType !== 'FARGATE') {
    return [
      notPriced(component, `ECS service ${name}`, `launch type ${facts.launchType} is not priced`, keys),
    ];
  }
  if (facts.vcpu === undefined || facts.memoryGb === undefined) {
    return [
      notPriced(component, `Fargate ${name}`, 'task CPU or memory is not a literal in the template', keys),
    ];
  }
  const average = averageTasks(facts, ctx.usage.avgTaskCount);
  const spotFixed = spotTasks(facts.strategy, facts.minTasks);
  const spotAll = spotTasks(facts.strategy, average);
  const lines = [
    ...taskLines(facts, ctx, 'fixed', facts.minTasks - spotFixed, spotFixed, keys),
    ...taskLines(
      facts,
      ctx,
      'usage',
      average - facts.minTasks - (spotAll - spotFixed),
      spotAll - spotFixed,
      keys,
    ),
  ];
  if (facts.publicIp) {
    const item = `Public IPv4, one per task (${name})`;
    lines.push(line(component, item, 'fixed', publicIpv4Monthly(ctx.prices, facts.minTasks), keys));
    const extra = average - facts.minTasks;
    if (extra > 0)
      lines.push(line(component, `${item}, autoscaled`, 'usage', publicIpv4Monthly(ctx.prices, extra), keys));
  }
  return lines;
}

function taskLines(
  facts: ServiceFacts,
  ctx: PricingContext,
  kind: 'fixed' | 'usage',
  onDemand: number,
  spot: number,
  keys: string[],
): BillLine[] {
  const component = ctx.componentOf(facts.service);
  const size = `${num(facts.vcpu ?? 0)} vCPU / ${num(facts.memoryGb ?? 0)} GB`;
  const arch = facts.architecture === 'arm' ? 'ARM' : 'x86';
  const scaled = kind === 'usage' ? ', autoscaled above minimum' : '';
  const task = { vcpu: facts.vcpu ?? 0, memoryGb: facts.memoryGb ?? 0, architecture: facts.architecture };
  const lines: BillLine[] = [];
  if (onDemand > 1e-9) {
    const item = `Fargate ${arch} ${size} (${label(facts.service)}${scaled})`;
    lines.push(
      line(
        component,
        item,
        kind,
        fargateMonthly(ctx.prices, { ...task, spot: false, tasks: onDemand }),
        keys,
      ),
    );
  }
  if (spot > 1e-9) {
    const item = `Fargate Spot ${arch} ${size} (${label(facts.service)}${scaled})`;
    if (facts.architecture === 'arm') {
      lines.push(
        notPriced(component, item, 'Fargate Spot runs x86 tasks only; these tasks would not be placed', keys),
      );
    } else {
      lines.push(
        line(component, item, kind, fargateMonthly(ctx.prices, { ...task, spot: true, tasks: spot }), keys),
      );
    }
  }
  return lines;
}

/**
 * Task definitions no service runs are one-off tasks (the migration task): with a pipeline, one run per deploy as
 * long as a build step (Fargate bills at least a minute); without one they cost nothing until someone runs them.
 */
export const priceTaskDefinitions: Pricer = (taskDefinitions, ctx) => {
  const services = ctx.byType('AWS::ECS::Service');
  const runByService = (td: TemplateResource) =>
    services.some((s) => s.stack === td.stack && asRecord(s.properties.TaskDefinition).Ref === td.logicalId);
  const hasPipeline = ctx.byType('AWS::CodePipeline::Pipeline').length > 0;
  return taskDefinitions.filter((td) => !runByService(td)).map((td) => oneOffTask(td, ctx, hasPipeline));
};

function oneOffTask(td: TemplateResource, ctx: PricingContext, hasPipeline: boolean): BillLine {
  const component = ctx.componentOf(td);
  const keys = [resourceKey(td)];
  const vcpu = literalNumber(td.properties.Cpu);
  const memoryMb = literalNumber(td.properties.Memory);
  if (!hasPipeline || vcpu === undefined || memoryMb === undefined) {
    const how = 'no service runs it: billed per second only while a task runs (see --compare for migrations)';
    return {
      component,
      item: `Task definition ${label(td)} (run on demand)`,
      kind: 'free',
      usd: 0,
      how,
      resources: keys,
    };
  }
  const minutes = Math.max(1, minutesPerRun(ctx));
  const architecture =
    literalString(asRecord(td.properties.RuntimePlatform).CpuArchitecture) === 'ARM64' ? 'arm' : 'x86';
  const tasks = (ctx.usage.deploysPerMonth * minutes) / (ctx.prices.hoursPerMonth * 60);
  const charge = fargateMonthly(ctx.prices, {
    vcpu: vcpu / 1024,
    memoryGb: memoryMb / 1024,
    architecture,
    spot: false,
    tasks,
  });
  const how = `${num(ctx.usage.deploysPerMonth)} runs x ${num(minutes)} min = ${charge.how}`;
  return line(
    component,
    `Fargate one-off task ${label(td)}, once per deploy`,
    'usage',
    { usd: charge.usd, how },
    keys,
  );
}
