import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli-error.ts';
import { priceTableFor } from '../../src/cost/prices/index.ts';

/** Every `{ usd | amount, unit, source, asOf }` leaf of the table, with its path. */
function leaves(value: unknown, at = ''): Array<[string, Record<string, unknown>]> {
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  if ('source' in record) return [[at, record]];
  return Object.entries(record).flatMap(([key, child]) => leaves(child, at ? `${at}.${key}` : key));
}

describe('the us-east-1 price table', () => {
  const table = priceTableFor('us-east-1');
  const prices = leaves(table);

  it('has a source page and the month it was read next to every price and free allowance', () => {
    expect(prices.length).toBeGreaterThan(60);
    for (const [at, price] of prices) {
      expect(price.source, at).toMatch(/^https:\/\/aws\.amazon\.com\//);
      expect(price.asOf, at).toMatch(/^20\d\d-(0[1-9]|1[0-2])$/);
      expect(typeof (price.usd ?? price.amount), at).toBe('number');
      expect(price.unit, at).not.toBe('');
    }
  });

  it('refuses a region it has no table for, naming the file to add', () => {
    expect(() => priceTableFor('ap-south-2')).toThrow(CliError);
    expect(() => priceTableFor('ap-south-2')).toThrow(/prices\/<region>\.ts/);
  });
});
