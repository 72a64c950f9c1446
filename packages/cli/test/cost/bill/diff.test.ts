import { describe, expect, it } from 'vitest';
import { diffBills } from '../../../src/cost/bill/diff.ts';
import { billOf, fixtureTemplate } from '../fixture.ts';

describe('diffBills', () => {
  it('lists the lines a Multi-AZ database and a longer log retention change, and the total delta', () => {
    const before = billOf(fixtureTemplate());
    const changed = fixtureTemplate();
    changed.Resources.Database!.Properties.MultiAZ = true;
    changed.Resources.ApiLogs!.Properties.RetentionInDays = 30;
    const diff = diffBills(before, billOf(changed, { logGbPerMonth: 20 }));

    expect(diff.changes.map((c) => [c.item, c.beforeUsd, c.afterUsd, c.deltaUsd])).toEqual([
      // a new item name (Multi-AZ) is matched to the old line by its logical id
      ['RDS PostgreSQL instance (Database/Instance, db.t4g.micro Multi-AZ)', 11.68, 23.36, 11.68],
      ['RDS storage (Database/Instance)', 2.3, 4.6, 2.3],
      // (20 - 5) x $0.50; 20 GB x 30 / 30.42 d = 19.73 GB x $0.03
      ['CloudWatch Logs ingestion (2 log groups)', 0, 7.5, 7.5],
      ['CloudWatch Logs storage (longest retention 30 d)', 0, 0.59, 0.59],
    ]);
    expect(diff.deltaUsd).toBe(22.07);
  });

  it('leaves out free lines and lines whose amount stays the same', () => {
    const bill = billOf(fixtureTemplate());
    expect(diffBills(bill, bill).changes).toEqual([]);
  });
});
