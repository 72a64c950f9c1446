import { mkdtempSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalPostgres, runLiquibase, startLocalPostgres } from '../src/index.ts';
import { toJdbcUrl } from '../src/liquibase.ts';
import { writeChangelog as writeFixture } from './changelog-fixture.ts';

let server: LocalPostgres;
const changelogDir = mkdtempSync('/tmp/shoestring-changelog-');

const writeChangelog = (sql: string) => writeFixture(changelogDir, sql);

function migrate(command: 'update' | 'status' | 'rollback-count', args: string[] = []) {
  return runLiquibase({
    command,
    args,
    connection: { url: server.url, user: server.user, password: server.password },
    changelogFile: 'master.yaml',
    searchPath: changelogDir,
  });
}

async function tables(): Promise<string[]> {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  const result = await client.query(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
  );
  await client.end();
  return result.rows.map((row: { table_name: string }) => row.table_name);
}

beforeAll(async () => {
  server = await startLocalPostgres({ dataDir: mkdtempSync('/tmp/shoestring-lb-'), fast: true });
});
afterAll(() => server.stop());

describe('runLiquibase', () => {
  it('applies, reports and rolls back formatted-SQL changesets', async () => {
    // GIVEN a changelog with one changeset and its rollback
    writeChangelog('--changeset test:1\nCREATE TABLE widgets (id int);\n--rollback DROP TABLE widgets;\n');
    // WHEN update runs
    await migrate('update');
    // THEN the table exists and status reports nothing pending
    expect(await tables()).toContain('widgets');
    expect((await migrate('status')).stdout).toMatch(/up to date/i);
    // WHEN the last changeset is rolled back
    await migrate('rollback-count', ['--count=1']);
    // THEN the table is gone
    expect(await tables()).not.toContain('widgets');
  });

  it('names the failing changeset and Liquibase reason', async () => {
    // GIVEN a changeset with invalid SQL
    writeChangelog(
      '--changeset test:1\nCREATE TABLE widgets (id int);\n--rollback DROP TABLE widgets;\n\n--changeset test:broken\nCREATE TABLE nope (id no_such_type);\n--rollback DROP TABLE nope;\n',
    );
    // WHEN update runs
    const error = await migrate('update').catch((e: unknown) => e);
    // THEN the error carries the changeset id and PostgreSQL's message
    expect(error).toMatchObject({
      code: 'LIQUIBASE_FAILED',
      details: { changeset: 'changes.sql::broken::test' },
    });
    expect((error as Error).message).toMatch(/no_such_type/);
  });

  it('detects an edited changeset that already ran', async () => {
    // GIVEN changeset test:1 was applied by the previous test, and it is now edited
    writeChangelog('--changeset test:1\nCREATE TABLE widgets (id bigint);\n--rollback DROP TABLE widgets;\n');
    // WHEN update runs
    const error = await migrate('update').catch((e: unknown) => e);
    // THEN the checksum mismatch is reported with the fix
    expect(error).toMatchObject({ code: 'LIQUIBASE_CHECKSUM_MISMATCH' });
    expect((error as Error).message).toMatch(/add a new changeset/);
  });
});

describe('toJdbcUrl', () => {
  it('keeps host, port, database and query, drops credentials', () => {
    expect(toJdbcUrl('postgres://u:p@db.internal:6543/shop?sslmode=require')).toBe(
      'jdbc:postgresql://db.internal:6543/shop?sslmode=require',
    );
    expect(toJdbcUrl('postgres://h/db')).toBe('jdbc:postgresql://h:5432/db');
  });
});
