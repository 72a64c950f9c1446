import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@shoestring/dbtools';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli-error.ts';
import { startLocalSystem } from '../../src/dev/local-system.ts';
import { postgresProcessesFor } from './run-cli.ts';

describe('startLocalSystem', () => {
  it('stops at a failing migration with Liquibase message and changeset id, and leaves nothing running', async () => {
    // GIVEN a changelog whose second changeset is broken
    const changelogDir = mkdtempSync('/tmp/shoestring-broken-changelog-');
    writeFileSync(
      join(changelogDir, 'master.yaml'),
      'databaseChangeLog:\n  - include:\n      file: shop.sql\n',
    );
    writeFileSync(
      join(changelogDir, 'shop.sql'),
      '--liquibase formatted sql\n\n--changeset shop:1\nCREATE TABLE ok (id int);\n--rollback DROP TABLE ok;\n\n' +
        '--changeset shop:2-broken\nALTER TABLE missing_table ADD COLUMN x int;\n--rollback SELECT 1;\n',
    );
    const dataDir = mkdtempSync('/tmp/shoestring-dev-broken-');
    const progress: string[] = [];
    // WHEN the local system starts with it
    const error = await startLocalSystem({
      repoRoot: repoRoot(),
      dataDir,
      port: 0,
      host: '127.0.0.1',
      progress: (line) => progress.push(line),
      changelog: { searchPath: changelogDir, changelogFile: 'master.yaml' },
    }).catch((e: unknown) => e);
    // THEN the error names the changeset and PostgreSQL's reason
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toContain('shop.sql::2-broken::shop');
    expect((error as Error).message).toContain('relation "missing_table" does not exist');
    // AND nothing after the migration was started, and PostgreSQL was stopped again
    expect(progress.some((line) => line.includes('starting the API'))).toBe(false);
    expect(existsSync(join(dataDir, 'logs', 'api.log'))).toBe(false);
    expect(await postgresProcessesFor(dataDir)).toEqual([]);
  });
});
