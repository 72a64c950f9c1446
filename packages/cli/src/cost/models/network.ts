import type { PriceTable } from '../prices/index.ts';
import { type Charge, num, overFree, rate } from './charge.ts';

export function natGatewayHours(prices: PriceTable, gateways: number): Charge {
  const hourly = prices.natGatewayHour.usd;
  return {
    usd: gateways * hourly * prices.hoursPerMonth,
    how: `${num(gateways)} gateway x ${rate(hourly)} x ${prices.hoursPerMonth} h`,
  };
}

export function natGatewayData(prices: PriceTable, gbProcessed: number): Charge {
  const perGb = prices.natGatewayGb.usd;
  return { usd: gbProcessed * perGb, how: `${num(gbProcessed)} GB x ${rate(perGb)}` };
}

/** An EC2 instance (the NAT instance) for `hours` a month; null when its type is not in the table. */
export function ec2InstanceHours(prices: PriceTable, instanceType: string, hours: number): Charge | null {
  const hourly = prices.ec2Hour[instanceType];
  if (!hourly) return null;
  return { usd: hourly.usd * hours, how: `${instanceType} ${rate(hourly.usd)} x ${num(hours)} h` };
}

/** An EBS volume bills for its size all month, whether its instance runs or not. Null for unknown types. */
export function ebsVolumeMonthly(prices: PriceTable, gb: number, volumeType: string): Charge | null {
  const perGb = prices.ebsGbMonth[volumeType];
  if (!perGb) return null;
  return { usd: gb * perGb.usd, how: `${num(gb)} GB ${volumeType} x ${rate(perGb.usd)}` };
}

/** Interface endpoints bill per endpoint per AZ (one network interface per subnet). */
export function interfaceEndpointsMonthly(prices: PriceTable, endpointAzs: number): Charge {
  const hourly = prices.interfaceEndpointAzHour.usd;
  return {
    usd: endpointAzs * hourly * prices.hoursPerMonth,
    how: `${num(endpointAzs)} endpoint-AZ x ${rate(hourly)} x ${prices.hoursPerMonth} h`,
  };
}

/** Internet egress beyond the always-free 100 GB a month. */
export function dataTransferOutMonthly(prices: PriceTable, gbOut: number): Charge {
  const free = prices.dataTransferOutFree.amount;
  const billed = overFree(gbOut, free);
  const perGb = prices.dataTransferOutGb.usd;
  return {
    usd: billed * perGb,
    how: `(${num(gbOut)} GB - ${num(free)} GB free, min 0) x ${rate(perGb)}`,
  };
}
