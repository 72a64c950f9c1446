/** A priced amount and the arithmetic behind it, so every number in a report can be checked by hand. */
export interface Charge {
  readonly usd: number;
  readonly how: string;
}

/** Rounds dollars to cents, half away from zero, tolerant of binary fractions like 9.005. */
export function toCents(usd: number): number {
  return Math.round(usd * 100 + Math.sign(usd) * 1e-7);
}

export function roundUsd(usd: number): number {
  return toCents(usd) / 100;
}

/** `$1,234.56`; negative amounts keep their sign in front. */
export function formatUsd(usd: number): string {
  const cents = toCents(usd);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}

/** A number as the arithmetic should show it: no trailing zeros, thousands separated. */
export function num(value: number): string {
  return Number(value.toFixed(6)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** A unit price as written in arithmetic: `$0.04048`. */
export function rate(usd: number): string {
  return `$${Number(usd.toFixed(6)).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 6 })}`;
}

/** Amount above an allowance, never negative. */
export function overFree(amount: number, free: number): number {
  return Math.max(0, amount - free);
}

/** `amount` of something after an always-free allowance, at `each` per `per` units: `(12 metrics - 10 free, min 0) x $0.30`. */
export function beyondFree(amount: number, unit: string, free: number, each: number, per = 1): Charge {
  const perText = per === 1 ? '' : per === 1_000_000 ? ' / M' : ` / ${num(per)}`;
  return {
    usd: (overFree(amount, free) / per) * each,
    how: `(${num(amount)} ${unit} - ${num(free)} free, min 0) x ${rate(each)}${perText}`,
  };
}
