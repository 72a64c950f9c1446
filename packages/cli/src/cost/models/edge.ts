import type { PriceTable } from '../prices/index.ts';
import { type Charge, num, overFree, rate } from './charge.ts';

export function s3StorageMonthly(prices: PriceTable, gbStored: number): Charge {
  const perGb = prices.s3GbMonth.usd;
  return { usd: gbStored * perGb, how: `${num(gbStored)} GB x ${rate(perGb)}` };
}

/** CloudFront data out and HTTPS requests after the always-free 1 TB and 10 M requests a month. */
export function cloudFrontMonthly(prices: PriceTable, gbOut: number, requests: number): Charge {
  const freeGb = prices.cloudFrontFreeGb.amount;
  const freeRequests = prices.cloudFrontFreeRequests.amount;
  const perGb = prices.cloudFrontGb.usd;
  const per10k = prices.cloudFrontHttps10k.usd;
  const usd = overFree(gbOut, freeGb) * perGb + (overFree(requests, freeRequests) / 10_000) * per10k;
  return {
    usd,
    how: `(${num(gbOut)} GB - ${num(freeGb)} free, min 0) x ${rate(perGb)} + (${num(requests / 1_000_000)} M requests - ${num(freeRequests / 1_000_000)} M free, min 0) x ${rate(per10k)} / 10k`,
  };
}
