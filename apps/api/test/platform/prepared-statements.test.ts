import { afterAll, describe, expect, it } from 'vitest';
import { MODULE_SPECS } from '../../src/module-specs.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createPool, withTransaction } from '../../src/platform/db.ts';
import { testEnv } from '../helpers/app.ts';

// One connection, so every query below runs on the connection whose prepared statements are read back.
const pool = createPool(loadConfig(testEnv(), MODULE_SPECS).database, 1);
afterAll(() => pool.end());

async function preparedStatements(): Promise<string[]> {
  const result = await pool.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements');
  return result.rows.map((row) => row.statement);
}

describe('prepared statements', () => {
  it('prepares a query with parameters once per connection, through pool.query and in transactions', async () => {
    const text = 'SELECT $1::int + 1 AS answer';
    expect((await pool.query(text, [41])).rows).toEqual([{ answer: 42 }]);
    expect((await pool.query(text, [1])).rows).toEqual([{ answer: 2 }]);
    const inTransaction = 'SELECT $1::text AS echo';
    await withTransaction(pool, (client) => client.query(inTransaction, ['x']));
    const prepared = await preparedStatements();
    expect(prepared.filter((statement) => statement === text)).toHaveLength(1);
    expect(prepared).toContain(inTransaction);
  });

  it('leaves queries without parameters (BEGIN, COMMIT, this one) unprepared', async () => {
    await pool.query('SELECT 1 AS plain');
    expect(await preparedStatements()).not.toContain('SELECT 1 AS plain');
  });

  it('still rejects bad input as the database does, and answers the next call', async () => {
    await expect(pool.query('SELECT $1::int AS n', ['not a number'])).rejects.toMatchObject({
      code: '22P02',
    });
    expect((await pool.query('SELECT $1::int AS n', ['7'])).rows).toEqual([{ n: 7 }]);
  });
});
