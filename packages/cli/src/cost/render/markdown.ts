import type { Bill } from '../bill/types.ts';
import { formatUsd } from '../models/charge.ts';
import { COMPONENT_TITLES, freeSummary, groupByComponent, usageSummary } from './groups.ts';

const cell = (text: string) => text.replaceAll('|', '\\|');

/** The bill as a Markdown table (for a pull request or docs/cost.md). */
export function renderMarkdown(bill: Bill): string {
  const out = [
    `## Monthly bill${bill.stage ? `: stage \`${bill.stage}\`` : ''} (${bill.region}, month = 730 h)`,
    '',
    `Usage: ${usageSummary(bill.usage)}.`,
    '',
    '| Component | Line | Kind | Monthly | Arithmetic |',
    '|---|---|---|---:|---|',
  ];
  for (const group of groupByComponent(bill)) {
    const title = COMPONENT_TITLES[group.component];
    for (const l of group.lines) {
      const amount = l.usd === null ? 'not priced' : formatUsd(l.usd);
      out.push(`| ${title} | ${cell(l.item)} | ${l.kind} | ${amount} | ${cell(l.how)} |`);
    }
    if (group.free.length > 0) out.push(`| ${title} | ${cell(freeSummary(group.free))} | free | $0.00 | |`);
    out.push(`| ${title} | **subtotal** | | **${formatUsd(group.subtotalUsd)}** | |`);
  }
  out.push(
    '',
    `**Total ${formatUsd(bill.totalUsd)} a month**: fixed ${formatUsd(bill.fixedUsd)}, usage-driven ${formatUsd(bill.usageUsd)}.`,
  );
  if (bill.notPricedCount > 0)
    out.push('', `${bill.notPricedCount} line(s) are not priced and not in the total.`);
  return out.join('\n');
}
