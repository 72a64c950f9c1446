import { albMonthly, httpApiMonthly } from '../models/api.ts';
import { formatUsd, num } from '../models/charge.ts';
import type { PriceTable } from '../prices/index.ts';
import type { UsageProfile } from '../usage.ts';
import { crossing, type TradeOff } from './types.ts';

const SECONDS_PER_MONTH = 730 * 3600;
/** API Gateway's default account throttle: 10,000 requests a second across all APIs in a Region. */
const ACCOUNT_RPS_LIMIT = 10_000;

export function apiGatewayVersusAlb(prices: PriceTable, usage: UsageProfile): TradeOff {
  const at = (requestsPerMonth: number) => ({ requestsPerMonth, avgResponseKb: usage.avgResponseKb });
  const api = (r: number) => httpApiMonthly(prices, at(r));
  const alb = (r: number) => albMonthly(prices, at(r), 2);
  const limit = ACCOUNT_RPS_LIMIT * SECONDS_PER_MONTH;
  const even = crossing((r) => api(r).usd - alb(r).usd, 0, limit);
  const breakEven =
    even === undefined
      ? `none up to API Gateway's default account limit (${num(ACCOUNT_RPS_LIMIT)} rps)`
      : `the ALB is cheaper above ${num(Math.round(even))} requests/month (${num(Number((even / SECONDS_PER_MONTH).toFixed(1)))} rps average), where both cost ${formatUsd(api(even).usd)}`;
  return {
    title: 'API Gateway HTTP API versus Application Load Balancer',
    options: [
      { name: 'API Gateway HTTP API (VPC link, Cloud Map)', monthly: api(usage.requestsPerMonth) },
      { name: 'Application Load Balancer in 2 AZs', monthly: alb(usage.requestsPerMonth) },
    ],
    breakEven,
    note: 'ALB LCUs assume one new connection per request (the ALB-pessimistic case); keep-alive clients lower them. Cloud Map is kept for internal calls either way.',
  };
}
