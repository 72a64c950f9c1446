import type { TradeOff } from '../compare/index.ts';
import { formatUsd } from '../models/charge.ts';

export function renderCompareTable(tradeOffs: readonly TradeOff[]): string {
  const out: string[] = ['Trade-offs of the seed design at this usage (monthly, us-east-1 list prices)', ''];
  for (const t of tradeOffs) {
    out.push(t.title);
    const width = Math.max(...t.options.map((o) => o.name.length));
    for (const o of t.options) {
      out.push(`  ${o.name.padEnd(width)} ${formatUsd(o.monthly.usd).padStart(10)}  ${o.monthly.how}`);
    }
    out.push(`  Break-even: ${t.breakEven ?? 'none'}`, `  Note: ${t.note}`, '');
  }
  return out.join('\n').trimEnd();
}

export function renderCompareMarkdown(tradeOffs: readonly TradeOff[]): string {
  const out: string[] = ['## Trade-offs at this usage', ''];
  for (const t of tradeOffs) {
    out.push(`### ${t.title}`, '', '| Option | Monthly | Arithmetic |', '|---|---:|---|');
    for (const o of t.options) out.push(`| ${o.name} | ${formatUsd(o.monthly.usd)} | ${o.monthly.how} |`);
    out.push('', `Break-even: ${t.breakEven ?? 'none'}. ${t.note}`, '');
  }
  return out.join('\n').trimEnd();
}
