import { describe, expect, it } from 'vitest';
import { formatUsd, toCents } from '../../../src/cost/models/charge.ts';

describe('money', () => {
  it('rounds half a cent up even when the binary fraction is just below it', () => {
    expect(toCents(9.005)).toBe(901);
    expect(toCents(1.015)).toBe(102);
    expect(toCents(9.010025)).toBe(901);
  });

  it('formats dollars with thousands separators and the sign in front', () => {
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(formatUsd(-3.2)).toBe('-$3.20');
    expect(formatUsd(0)).toBe('$0.00');
  });
});
