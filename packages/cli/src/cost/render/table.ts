import type { Bill, BillLine } from '../bill/types.ts';
import { formatUsd } from '../models/charge.ts';
import { COMPONENT_TITLES, freeSummary, groupByComponent, usageSummary } from './groups.ts';

const KIND_LABEL: Record<BillLine['kind'], string> = {
  fixed: 'fixed',
  usage: 'usage',
  free: 'free',
  'not-priced': 'NOT PRICED',
};

/** The bill as a terminal table: one block per seed component, then the totals. */
export function renderTable(bill: Bill): string {
  const out: string[] = [
    `Monthly bill${bill.stage ? ` for stage ${bill.stage}` : ''}, ${bill.region}, on-demand list prices, month = 730 h`,
    `Usage: ${usageSummary(bill.usage)}`,
    '',
  ];
  const itemWidth = Math.min(70, Math.max(...bill.lines.map((l) => l.item.length), 10));
  for (const group of groupByComponent(bill)) {
    out.push(`${COMPONENT_TITLES[group.component]}  ${formatUsd(group.subtotalUsd)}`);
    for (const l of group.lines) {
      const amount = l.usd === null ? '?' : formatUsd(l.usd);
      out.push(
        `  ${KIND_LABEL[l.kind].padEnd(10)} ${l.item.padEnd(itemWidth)} ${amount.padStart(10)}  ${l.how}`,
      );
    }
    if (group.free.length > 0) out.push(`  ${'free'.padEnd(10)} ${freeSummary(group.free)}`);
    out.push('');
  }
  out.push(
    `Total ${formatUsd(bill.totalUsd)}/month: fixed ${formatUsd(bill.fixedUsd)}, usage-driven ${formatUsd(bill.usageUsd)}`,
  );
  if (bill.notPricedCount > 0) {
    out.push(`${bill.notPricedCount} line(s) NOT PRICED: the total leaves them out; see above.`);
  }
  return out.join('\n');
}
