import { mkdtempSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalPostgres, startLocalPostgres, updateIfChanged } from '../src/index.ts';
import { writeChangelog as writeFixture } from './changelog-fixture.ts';

let server: LocalPostgres;
const changelogDir = mkdtempSync('/tmp/shoestring-fingerprint-');

const writeChangelog = (sql: string) => writeFixture(changelogDir, sql);

function update() {
  return updateIfChanged({
    connection: { url: server.url, user: server.user, password: server.password },
    changelogFile: 'master.yaml',
    searchPath: changelogDir,
  });
}

async function sql(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  await client.query(text);
  await client.end();
}

beforeAll(async () => {
  server = await startLocalPostgres({ dataDir: mkdtempSync('/tmp/shoestring-fp-'), fast: true });
});
afterAll(() => server.stop());

describe('updateIfChanged', () => {
  it('runs Liquibase first, skips it when nothing changed, and runs it again after a change', async () => {
    // GIVEN a changelog with one changeset
    writeChangelog('--changeset test:1\nCREATE TABLE widgets (id int);\n--rollback DROP TABLE widgets;\n');
    // WHEN update runs twice
    // THEN the first runs Liquibase and the second skips it
    expect(await update()).toEqual({ skipped: false });
    expect(await update()).toEqual({ skipped: true });

    // WHEN a databasechangelog row is deleted (and its table, so the rerun can apply it)
    await sql("DELETE FROM public.databasechangelog WHERE id = '1'; DROP TABLE widgets");
    // THEN Liquibase runs again and re-applies it
    expect(await update()).toEqual({ skipped: false });

    // WHEN a changeset is added to the file
    writeChangelog(
      '--changeset test:1\nCREATE TABLE widgets (id int);\n--rollback DROP TABLE widgets;\n\n' +
        '--changeset test:2\nCREATE TABLE gadgets (id int);\n--rollback DROP TABLE gadgets;\n',
    );
    // THEN Liquibase runs again and applies it
    expect(await update()).toEqual({ skipped: false });
    // AND records the fingerprint, so the following start skips
    expect(await update()).toEqual({ skipped: true });
  });
});
