import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Bill } from '../../../src/cost/bill/types.ts';

const BIN = new URL('../../../bin/shoestring.js', import.meta.url).pathname;
const DOC = new URL('../../../../../docs/cost.md', import.meta.url).pathname;

interface DocLine {
  readonly item: string;
  readonly cents: number;
}

/** The default bill as written by hand in docs/cost.md, between its two markers. */
function documentedBill(): { lines: DocLine[]; totalCents: number } {
  const doc = readFileSync(DOC, 'utf8');
  const section = /<!-- default-bill:start -->([\s\S]*?)<!-- default-bill:end -->/.exec(doc)?.[1];
  if (!section)
    throw new Error('docs/cost.md has no <!-- default-bill:start --> ... <!-- default-bill:end --> section');
  const cents = (amount: string) => Math.round(Number(amount.replace(/[$,*]/g, '')) * 100);
  const rows = section
    .split('\n')
    .filter((row) => row.startsWith('| ') && !row.startsWith('| Component') && !row.startsWith('|---'));
  const cells = rows.map((row) =>
    row
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );
  const total = cells.find((c) => c[0] === '**Total**');
  if (!total) throw new Error('the default bill in docs/cost.md has no **Total** row');
  return {
    lines: cells.filter((c) => c[0] !== '**Total**').map((c) => ({ item: c[1]!, cents: cents(c[2]!) })),
    totalCents: cents(total[2]!),
  };
}

describe('shoestring cost over the synthesized default stacks', () => {
  it('synthesizes the dev stage and prices it to the cent of the hand-computed bill in docs/cost.md', {
    timeout: 300_000,
  }, async () => {
    // GIVEN the hand-written bill, whose lines add up to its total
    const doc = documentedBill();
    expect(doc.lines.reduce((sum, l) => sum + l.cents, 0)).toBe(doc.totalCents);

    // WHEN the real command synthesizes the repository's CDK app into an empty folder and prices it
    const cdkOut = path.join(mkdtempSync(path.join(tmpdir(), 'shoestring-cost-e2e-')), 'cdk.out');
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [BIN, 'cost', '--stage', 'dev', '--cdk-out', cdkOut, '--json'],
      {
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const bill = (JSON.parse(stdout) as { bill: Bill }).bill;

    // THEN it said it synthesized, every priced line is in the document with the same amount, and the totals agree
    expect(stderr).toContain('Synthesizing the CDK app');
    const priced = bill.lines.filter((l) => l.kind !== 'free');
    expect(priced.map((l) => `${l.item} = ${l.usd}`).sort()).toEqual(
      doc.lines.map((l) => `${l.item} = ${l.cents / 100}`).sort(),
    );
    expect(Math.round(bill.totalUsd * 100)).toBe(doc.totalCents);
    expect(bill.notPricedCount).toBe(0);
  });
});
