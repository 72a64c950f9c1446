import type { PriceTable } from '../prices/index.ts';
import { type Charge, num, rate } from './charge.ts';

export type CpuArchitecture = 'x86' | 'arm';

export interface FargateTask {
  /** vCPU, e.g. 0.25 for a task definition's `Cpu: "256"`. */
  readonly vcpu: number;
  readonly memoryGb: number;
  readonly architecture: CpuArchitecture;
  readonly spot: boolean;
  /** Tasks running around the clock (may be fractional: an average). */
  readonly tasks: number;
}

/** Fargate per-second billing, approximated as tasks running all month: (vCPU x rate + GB x rate) x 730 h. */
export function fargateMonthly(prices: PriceTable, task: FargateTask): Charge {
  const f = prices.fargate;
  const cpuRate = task.architecture === 'arm' ? f.armVcpuHour.usd : f.x86VcpuHour.usd;
  const memRate = task.architecture === 'arm' ? f.armGbHour.usd : f.x86GbHour.usd;
  const factor = task.spot ? f.spotFactor.usd : 1;
  const hours = prices.hoursPerMonth;
  const usd = task.tasks * (task.vcpu * cpuRate + task.memoryGb * memRate) * hours * factor;
  const spot = task.spot ? ` x ${num(factor)} Spot` : '';
  return {
    usd,
    how: `${num(task.tasks)} task x (${num(task.vcpu)} vCPU x ${rate(cpuRate)} + ${num(task.memoryGb)} GB x ${rate(memRate)}) x ${hours} h${spot}`,
  };
}

/** Every public IPv4 address is billed by the hour it exists, attached or not (all month unless told `hours`). */
export function publicIpv4Monthly(
  prices: PriceTable,
  addresses: number,
  hours = prices.hoursPerMonth,
): Charge {
  const hourly = prices.publicIpv4Hour.usd;
  return {
    usd: addresses * hourly * hours,
    how: `${num(addresses)} address x ${rate(hourly)} x ${num(hours)} h`,
  };
}
