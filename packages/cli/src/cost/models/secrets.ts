import type { PriceTable } from '../prices/index.ts';
import { type Charge, num, rate } from './charge.ts';

export function secretsManagerMonthly(prices: PriceTable, secrets: number, apiCalls: number): Charge {
  const monthly = prices.secretMonth.usd;
  const api = prices.secretsApi10k.usd;
  return {
    usd: secrets * monthly + (apiCalls / 10_000) * api,
    how: `${num(secrets)} secret x ${rate(monthly)} + ${num(apiCalls)} API calls x ${rate(api)} / 10k`,
  };
}

/** Standard parameters are free; only the advanced tier bills per parameter. */
export function parameterStoreMonthly(prices: PriceTable, advancedParameters: number): Charge {
  const monthly = prices.ssmAdvancedParameterMonth.usd;
  return {
    usd: advancedParameters * monthly,
    how: `${num(advancedParameters)} advanced parameter x ${rate(monthly)} (standard parameters are free)`,
  };
}

export function kmsKeysMonthly(prices: PriceTable, keys: number): Charge {
  const monthly = prices.kmsKeyMonth.usd;
  return { usd: keys * monthly, how: `${num(keys)} key x ${rate(monthly)}` };
}
