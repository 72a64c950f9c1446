import { type Charge, formatUsd, num } from '../models/charge.ts';
import { fargateMonthly, publicIpv4Monthly } from '../models/compute.ts';
import {
  ebsVolumeMonthly,
  ec2InstanceHours,
  interfaceEndpointsMonthly,
  natGatewayData,
  natGatewayHours,
} from '../models/network.ts';
import { codeBuildMonthly } from '../models/pipelines.ts';
import type { PriceTable } from '../prices/index.ts';
import type { UsageProfile } from '../usage.ts';
import { crossing, type TradeOff } from './types.ts';

const sum = (...charges: Charge[]): Charge => ({
  usd: charges.reduce((total, c) => total + c.usd, 0),
  how: charges.map((c) => c.how).join(' + '),
});

/** A NAT instance running `hours` a month: t4g.nano, its 8 GB gp3 root volume (all month), one public IPv4. */
export function natInstance(prices: PriceTable, hours = prices.hoursPerMonth): Charge {
  const instance = ec2InstanceHours(prices, 't4g.nano', hours) ?? {
    usd: 0,
    how: 't4g.nano not in the price table',
  };
  const volume = ebsVolumeMonthly(prices, 8, 'gp3') ?? { usd: 0, how: 'gp3 not in the price table' };
  return sum(instance, volume, publicIpv4Monthly(prices, 1, hours));
}

function natGateways(prices: PriceTable, usage: UsageProfile, gateways: number): Charge {
  return sum(
    natGatewayHours(prices, gateways),
    publicIpv4Monthly(prices, gateways),
    natGatewayData(prices, usage.natGbPerMonth),
  );
}

/** The seed's choice: tasks in public subnets, each with a public IPv4, instead of private subnets behind NAT. */
export function publicIpVersusNat(prices: PriceTable, usage: UsageProfile, tasks: number): TradeOff {
  const perTask = publicIpv4Monthly(prices, 1).usd;
  const one = natGateways(prices, usage, 1);
  const two = natGateways(prices, usage, 2);
  const tasksFor = (nat: Charge) => Math.ceil(nat.usd / perTask);
  return {
    title: 'Public subnets with a public IPv4 per task versus private subnets behind NAT',
    options: [
      { name: `Public IPv4 for ${num(tasks)} task(s)`, monthly: publicIpv4Monthly(prices, tasks) },
      { name: 'One NAT gateway (single AZ)', monthly: one },
      { name: 'Two NAT gateways (one per AZ)', monthly: two },
      { name: 'One NAT instance t4g.nano (single AZ, self-managed)', monthly: natInstance(prices) },
    ],
    breakEven: `NAT wins only above ${tasksFor(one)} tasks (one NAT gateway, ${formatUsd(one.usd)}) or ${tasksFor(two)} tasks (two, ${formatUsd(two.usd)})`,
    note: 'Tasks in private subnets still pay nothing per address, but every image pull and outbound call then pays NAT data processing.',
  };
}

export interface MigrationTask {
  readonly vcpu: number;
  readonly memoryGb: number;
  readonly architecture: 'x86' | 'arm';
}

/**
 * Liquibase migrations: the seed's CodeBuild project in private subnets (egress through a NAT instance, or interface
 * endpoints instead) versus a one-off Fargate task in the public subnets, started and awaited by a small build.
 */
export function migrationsRunner(prices: PriceTable, usage: UsageProfile, task: MigrationTask): TradeOff {
  const minutes = usage.buildMinutesPerDeploy;
  const vpcBuild = (deploys: number) =>
    codeBuildMonthly(prices, 'LINUX_CONTAINER/BUILD_GENERAL1_MEDIUM', deploys * (minutes + 1), 0)?.charge ?? {
      usd: 0,
      how: 'medium not priced',
    };
  const withNat = (deploys: number) => sum(vpcBuild(deploys), natInstance(prices));
  // Started before each migration and stopped after: it runs the build's minutes plus about one to boot.
  const withSwitchedNat = (deploys: number) =>
    sum(vpcBuild(deploys), natInstance(prices, (deploys * (minutes + 2)) / 60));
  // Five endpoints a VPC build needs without NAT: logs, secretsmanager, ecr.api, ecr.dkr, sts (S3 is a free gateway).
  const withEndpoints = (deploys: number) => sum(vpcBuild(deploys), interfaceEndpointsMonthly(prices, 5 * 2));
  const fargate = (deploys: number) => {
    const taskMinutes = Math.max(1, minutes);
    const run = fargateMonthly(prices, { ...task, spot: false, tasks: (deploys * taskMinutes) / (730 * 60) });
    const waiter = codeBuildMonthly(
      prices,
      'LINUX_CONTAINER/BUILD_GENERAL1_SMALL',
      deploys * taskMinutes,
      0,
    )?.charge;
    return sum(run, waiter ?? { usd: 0, how: 'small not priced' });
  };
  const d = usage.deploysPerMonth;
  const even = crossing((x) => withSwitchedNat(x).usd - fargate(x).usd, 0, 100_000);
  return {
    title: 'Migrations: CodeBuild in the VPC (NAT instance or endpoints) versus a one-off Fargate task',
    options: [
      { name: 'CodeBuild medium in private subnets + NAT instance always on', monthly: withNat(d) },
      {
        name: 'CodeBuild medium in private subnets + NAT instance started per migration',
        monthly: withSwitchedNat(d),
      },
      {
        name: 'CodeBuild medium in private subnets + 5 interface endpoints x 2 AZ',
        monthly: withEndpoints(d),
      },
      { name: 'Fargate task in public subnets, awaited by a small build', monthly: fargate(d) },
    ],
    breakEven:
      even === undefined
        ? 'none: the Fargate task is cheaper at any number of deploys (the NAT root volume bills while idle, and a medium build costs more per minute than the task and its waiting build)'
        : `the switched NAT instance becomes cheaper above ${num(Math.round(even))} deploys/month`,
    note: `${num(d)} deploys x ${num(minutes)} min; a VPC build adds about a minute of provisioning (seed design). The build that waits for the task is priced without the free tier, which the other builds already use.`,
  };
}
