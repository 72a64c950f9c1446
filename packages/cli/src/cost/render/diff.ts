import type { BillDiff } from '../bill/diff.ts';
import { formatUsd } from '../models/charge.ts';

const amount = (usd: number | null) => (usd === null ? '-' : formatUsd(usd));
const signed = (usd: number) => (usd > 0 ? `+${formatUsd(usd)}` : formatUsd(usd));
const stageName = (stage: string | undefined) => stage ?? '(default)';

export function renderDiffTable(diff: BillDiff): string {
  const from = stageName(diff.before.stage);
  const to = stageName(diff.after.stage);
  const out = [`Bill change from ${from} to ${to}`, ''];
  if (diff.changes.length === 0) out.push('  no line changes');
  const width = Math.max(10, ...diff.changes.map((c) => c.item.length));
  for (const c of diff.changes) {
    out.push(
      `  ${c.component.padEnd(13)} ${c.item.padEnd(width)} ${amount(c.beforeUsd).padStart(10)} -> ${amount(c.afterUsd).padStart(10)}  ${signed(c.deltaUsd)}`,
    );
  }
  out.push(
    '',
    `Total ${formatUsd(diff.before.totalUsd)} -> ${formatUsd(diff.after.totalUsd)} (${signed(diff.deltaUsd)} a month)`,
  );
  return out.join('\n');
}

export function renderDiffMarkdown(diff: BillDiff): string {
  const out = [
    `## Bill change from \`${stageName(diff.before.stage)}\` to \`${stageName(diff.after.stage)}\``,
    '',
    '| Component | Line | Before | After | Change |',
    '|---|---|---:|---:|---:|',
    ...diff.changes.map(
      (c) =>
        `| ${c.component} | ${c.item} | ${amount(c.beforeUsd)} | ${amount(c.afterUsd)} | ${signed(c.deltaUsd)} |`,
    ),
    '',
    `**Total ${formatUsd(diff.before.totalUsd)} -> ${formatUsd(diff.after.totalUsd)}** (${signed(diff.deltaUsd)} a month).`,
  ];
  return out.join('\n');
}
