import type { PriceTable } from '../prices/index.ts';
import { beyondFree, type Charge, num, rate } from './charge.ts';

/** The always-free CodeBuild minutes apply to these environments only (general1.small and arm1.small, together). */
export const FREE_TIER_BUILD_KEYS: ReadonlySet<string> = new Set([
  'LINUX_CONTAINER/BUILD_GENERAL1_SMALL',
  'ARM_CONTAINER/BUILD_GENERAL1_SMALL',
]);

/** `<environment type>/<compute type>`, the key of `codeBuildMinute` in the price table. */
export function codeBuildKey(environmentType: string, computeType: string): string {
  return `${environmentType}/${computeType}`;
}

/**
 * Build minutes for one project. `freeMinutesLeft` is what remains of the monthly allowance after the projects
 * priced before this one; the caller threads it through. Null when the environment is not in the table.
 */
export function codeBuildMonthly(
  prices: PriceTable,
  key: string,
  minutes: number,
  freeMinutesLeft: number,
): { charge: Charge; freeMinutesLeft: number } | null {
  const perMinute = prices.codeBuildMinute[key];
  if (!perMinute) return null;
  const free = FREE_TIER_BUILD_KEYS.has(key) ? Math.min(minutes, freeMinutesLeft) : 0;
  const billed = minutes - free;
  const freeNote = FREE_TIER_BUILD_KEYS.has(key) ? ` - ${num(free)} free` : '';
  return {
    charge: { usd: billed * perMinute.usd, how: `(${num(minutes)} min${freeNote}) x ${rate(perMinute.usd)}` },
    freeMinutesLeft: freeMinutesLeft - free,
  };
}

/** V2 pipelines bill action execution minutes across the account, after 100 free a month. */
export function codePipelineV2Monthly(prices: PriceTable, actionMinutes: number): Charge {
  return beyondFree(
    actionMinutes,
    'action min',
    prices.pipelineV2Free.amount,
    prices.pipelineV2ActionMinute.usd,
  );
}

export function codePipelineV1Monthly(prices: PriceTable, pipelines: number): Charge {
  return beyondFree(pipelines, 'pipeline', prices.pipelineV1Free.amount, prices.pipelineV1Month.usd);
}

export function ecrStorageMonthly(prices: PriceTable, gbStored: number): Charge {
  const perGb = prices.ecrGbMonth.usd;
  return { usd: gbStored * perGb, how: `${num(gbStored)} GB x ${rate(perGb)}` };
}
