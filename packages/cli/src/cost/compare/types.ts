import type { Charge } from '../models/charge.ts';

export interface Option {
  readonly name: string;
  readonly monthly: Charge;
}

/** One of the seed design's trade-offs, priced at the current usage. */
export interface TradeOff {
  readonly title: string;
  readonly options: readonly Option[];
  /** Where the cheaper option changes, in words; undefined when it never does in the searched range. */
  readonly breakEven: string | undefined;
  readonly note: string;
}

/**
 * The x in [lo, hi] where `difference` changes sign (a cost difference that grows or shrinks with x), found by
 * bisection; undefined when the sign is the same at both ends.
 */
export function crossing(difference: (x: number) => number, lo: number, hi: number): number | undefined {
  let a = lo;
  let b = hi;
  const fa = Math.sign(difference(a));
  if (fa === 0) return a;
  if (fa === Math.sign(difference(b))) return undefined;
  for (let i = 0; i < 200 && b - a > 1e-12 * Math.max(1, Math.abs(b)); i++) {
    const mid = (a + b) / 2;
    if (Math.sign(difference(mid)) === fa) a = mid;
    else b = mid;
  }
  return b;
}
