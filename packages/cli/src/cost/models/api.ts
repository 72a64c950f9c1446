import type { PriceTable } from '../prices/index.ts';
import { type Charge, num, rate } from './charge.ts';

const MILLION = 1_000_000;
const TIER_BREAK = 300 * MILLION;
const KB_PER_GB = 1024 * 1024;

export interface ApiTraffic {
  readonly requestsPerMonth: number;
  readonly avgResponseKb: number;
}

/** HTTP API requests are metered in 512 KB increments: a 600 KB response counts as two requests. */
export function meteredRequests(traffic: ApiTraffic): number {
  return traffic.requestsPerMonth * Math.max(1, Math.ceil(traffic.avgResponseKb / 512));
}

export function httpApiMonthly(prices: PriceTable, traffic: ApiTraffic): Charge {
  const metered = meteredRequests(traffic);
  const first = Math.min(metered, TIER_BREAK);
  const rest = metered - first;
  const low = prices.httpApiMillion.usd;
  const high = prices.httpApiMillionOver300M.usd;
  const usd = (first / MILLION) * low + (rest / MILLION) * high;
  const tail = rest > 0 ? ` + ${num(rest / MILLION)} M x ${rate(high)}` : '';
  return { usd, how: `${num(first / MILLION)} M requests x ${rate(low)}${tail}` };
}

/**
 * An Application Load Balancer: hours plus LCU-hours. Assumes the LCU is set by new connections (25/s per LCU,
 * one per request: the pessimistic case for the ALB) or processed bytes (1 GB per hour per LCU), whichever is
 * larger, spread evenly over the month; plus its public IPv4 address in each AZ.
 */
export function albMonthly(prices: PriceTable, traffic: ApiTraffic, azs: number): Charge {
  const hours = prices.hoursPerMonth;
  const perSecond = traffic.requestsPerMonth / (hours * 3600);
  const gbPerHour = (traffic.requestsPerMonth * traffic.avgResponseKb) / KB_PER_GB / hours;
  const lcu = Math.max(perSecond / 25, gbPerHour);
  const base = prices.albHour.usd * hours;
  const lcuUsd = lcu * prices.albLcuHour.usd * hours;
  const ipv4 = azs * prices.publicIpv4Hour.usd * hours;
  return {
    usd: base + lcuUsd + ipv4,
    how: `${rate(prices.albHour.usd)} x ${hours} h + ${num(lcu)} LCU x ${rate(prices.albLcuHour.usd)} x ${hours} h + ${azs} public IPv4 x ${rate(prices.publicIpv4Hour.usd)} x ${hours} h`,
  };
}

export function cloudMapInstancesMonthly(prices: PriceTable, instances: number): Charge {
  const monthly = prices.cloudMapInstanceMonth.usd;
  return { usd: instances * monthly, how: `${num(instances)} registered instance x ${rate(monthly)}` };
}

export function hostedZonesMonthly(prices: PriceTable, zones: number): Charge {
  const monthly = prices.hostedZoneMonth.usd;
  return { usd: zones * monthly, how: `${num(zones)} hosted zone x ${rate(monthly)}` };
}
