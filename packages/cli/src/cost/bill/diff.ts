import { toCents } from '../models/charge.ts';
import type { Bill, Component } from './types.ts';

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

/** What changes between two bills, line by line (lines are matched by component and item). */
export function diffBills(before: Bill, after: Bill): BillDiff {
  const key = (l: { component: string; item: string }) => `${l.component}\u0000${l.item}`;
  const beforeLines = new Map(before.lines.map((l) => [key(l), l]));
  const afterLines = new Map(after.lines.map((l) => [key(l), l]));
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
  return { before, after, changes, deltaUsd: (toCents(after.totalUsd) - toCents(before.totalUsd)) / 100 };
}
