import { CliError } from '../../cli-error.ts';
import type { PriceTable } from './types.ts';
import { usEast1 } from './us-east-1.ts';

export type { FreeTier, Price, PriceTable } from './types.ts';

const tables: Record<string, PriceTable> = { 'us-east-1': usEast1 };

/** The committed price table for a region; other regions are refused rather than guessed. */
export function priceTableFor(region: string): PriceTable {
  const table = tables[region];
  if (!table) {
    throw new CliError(
      `no price table for region "${region}" (have: ${Object.keys(tables).join(', ')}). ` +
        'Add packages/cli/src/cost/prices/<region>.ts with a source and date next to every price, or pass --region us-east-1.',
    );
  }
  return table;
}
