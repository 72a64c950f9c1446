import { DescribeAddressesCommand } from '@aws-sdk/client-ec2';
import { GetAWSDefaultServiceQuotaCommand, GetServiceQuotaCommand } from '@aws-sdk/client-service-quotas';
import { MIGRATION_TASK_SIZE, type StageConfig } from '@shoestring/infra/config';
import { unlessMissing } from './missing.ts';
import type { CheckResult, DoctorContext } from './types.ts';

/** Service Quotas codes (Service Quotas console, "AWS Fargate" and "Amazon Elastic Compute Cloud", read 2026-12). */
export const QUOTAS = {
  fargateOnDemandVcpu: { ServiceCode: 'fargate', QuotaCode: 'L-3032A538', label: 'Fargate On-Demand vCPUs' },
  elasticIps: { ServiceCode: 'ec2', QuotaCode: 'L-0263D0A3', label: 'EC2-VPC Elastic IPs' },
} as const;

type Quota = (typeof QUOTAS)[keyof typeof QUOTAS];

/**
 * vCPUs of every service at its `maxTasks`: what autoscaling may ask Fargate for (Spot tasks counted too, to be safe),
 * plus the migration task's while it runs when the pipeline migrates with the `fargate-task` runner.
 */
export function fargateVcpusNeeded(config: Pick<StageConfig, 'services' | 'migrations'>): {
  readonly total: number;
  readonly migration: number;
} {
  const services = Object.values(config.services).reduce((sum, s) => sum + (s.maxTasks * s.cpu) / 1024, 0);
  const migration = config.migrations.runner === 'fargate-task' ? MIGRATION_TASK_SIZE.cpu / 1024 : 0;
  return { total: services + migration, migration };
}

/** Elastic IPs the stage allocates: a NAT gateway's. Tasks and the NAT instance get auto-assigned addresses. */
export function elasticIpsNeeded(config: Pick<StageConfig, 'network'>): number {
  return config.network.buildEgress === 'nat-gateway' ? 1 : 0;
}

/** The account's value of a quota; the AWS default when the account never changed it. */
async function quotaValue(ctx: DoctorContext, quota: Quota): Promise<number> {
  const { ServiceCode, QuotaCode } = quota;
  const applied = await unlessMissing(
    ctx.clients.quotas.send(new GetServiceQuotaCommand({ ServiceCode, QuotaCode })),
    ['NoSuchResourceException'],
  );
  const answer =
    applied ??
    (await ctx.clients.quotas.send(new GetAWSDefaultServiceQuotaCommand({ ServiceCode, QuotaCode })));
  return answer.Quota?.Value ?? 0;
}

const INCREASE = (quota: Quota, value: number) =>
  `ask for at least ${value} in the Service Quotas console (${quota.label}, ${quota.QuotaCode}), or lower services.<name>.maxTasks`;

/** The stage fits the account's quotas at its autoscaling ceiling. */
export async function checkFargateQuota(ctx: DoctorContext): Promise<CheckResult> {
  const quota = QUOTAS.fargateOnDemandVcpu;
  const { total: need, migration } = fargateVcpusNeeded(ctx.config);
  const value = await quotaValue(ctx, quota);
  const during = migration > 0 ? ` with the ${migration} vCPU migration task` : '';
  const detail = `${need} vCPU at maxTasks${during}, quota ${value} (shared by every stage and service in ${ctx.config.region})`;
  if (need > value) return { name: 'fargate quota', status: 'fail', detail, fix: INCREASE(quota, need) };
  return { name: 'fargate quota', status: 'pass', detail };
}

export async function checkElasticIpQuota(ctx: DoctorContext): Promise<CheckResult> {
  const quota = QUOTAS.elasticIps;
  const need = elasticIpsNeeded(ctx.config);
  if (need === 0) {
    return {
      name: 'public IPv4',
      status: 'pass',
      detail: 'no Elastic IP needed (tasks and the NAT instance get auto-assigned public IPv4 addresses)',
    };
  }
  const [value, addresses] = await Promise.all([
    quotaValue(ctx, quota),
    ctx.clients.ec2.send(new DescribeAddressesCommand({})),
  ]);
  const inUse = addresses.Addresses?.length ?? 0;
  const detail = `${need} Elastic IP for the NAT gateway; ${inUse} of ${value} allocated in ${ctx.config.region}`;
  if (inUse + need > value) {
    return {
      name: 'public IPv4',
      status: 'fail',
      detail,
      fix: `release an unused Elastic IP or ask for ${inUse + need} (${quota.label}, ${quota.QuotaCode})`,
    };
  }
  return { name: 'public IPv4', status: 'pass', detail };
}
