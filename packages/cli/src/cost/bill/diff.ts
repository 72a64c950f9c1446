import { toCents } from '../models/charge.ts';
import { type Bill, type BillLine, COMPONENTS, type Component } from './types.ts';

export interface LineChange {
  readonly component: Component;
  readonly item: string;
  /** Null when the line is absent (or not priced) on that side. */
  readonly beforeUsd: number | null;
  readonly afterUsd: number | null;
  readonly deltaUsd: number;
}

export interface BillDiff {
  readonly before: Bill;
  readonly after: Bill;
  readonly changes: readonly LineChange[];
  readonly deltaUsd: number;
}

/**
 * Lines are matched by component, kind, item without its trailing details in parentheses (sizes and retention change
 * between stages) and the logical ids they price (stack names differ between stages).
 */
function lineKey(line: BillLine): string {
  const ids = line.resources.map((r) => r.slice(r.lastIndexOf('/') + 1)).join(',');
  return `${line.component}\u0000${line.kind}\u0000${line.item.replace(/\s*\([^()]*\)$/, '')}\u0000${ids}`;
}

/** What changes between two bills, line by line; free lines and lines whose amount stays the same are left out. */
export function diffBills(before: Bill, after: Bill): BillDiff {
  const key = lineKey;
  const charged = (bill: Bill) => bill.lines.filter((l) => l.kind !== 'free');
  const beforeLines = new Map(charged(before).map((l) => [key(l), l]));
  const afterLines = new Map(charged(after).map((l) => [key(l), l]));
  const keys = [...new Set([...beforeLines.keys(), ...afterLines.keys()])];
  const changes: LineChange[] = [];
  for (const k of keys) {
    const b = beforeLines.get(k);
    const a = afterLines.get(k);
    const beforeUsd = b?.usd ?? null;
    const afterUsd = a?.usd ?? null;
    const sameKind = b?.kind === a?.kind;
    if (beforeUsd === afterUsd && sameKind) continue;
    const line = (a ?? b)!;
    changes.push({
      component: line.component,
      item: line.item,
      beforeUsd,
      afterUsd,
      deltaUsd: (toCents(afterUsd ?? 0) - toCents(beforeUsd ?? 0)) / 100,
    });
  }
  changes.sort((a, b) => COMPONENTS.indexOf(a.component) - COMPONENTS.indexOf(b.component));
  return { before, after, changes, deltaUsd: (toCents(after.totalUsd) - toCents(before.totalUsd)) / 100 };
}
