import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type LocalPostgres,
  repoRoot,
  requireJava,
  runProcess,
  startLocalPostgres,
} from '@shoestring/dbtools';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILDSPEC_DIR } from '../../src/constructs/pipelines/index.ts';

const SCRIPT = path.join(BUILDSPEC_DIR, 'migrate-steps.sh');
let db: LocalPostgres;
let workDir: string;

beforeAll(async () => {
  requireJava();
  workDir = mkdtempSync(path.join(tmpdir(), 'shoestring-test-'));
  db = await startLocalPostgres({ dataDir: path.join(workDir, 'pg') });
});
afterAll(async () => {
  await db?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

/** Runs the script both runners run, as CodeBuild does: from the repository root with DB_* set. */
async function runSteps(
  out: string,
  password = db.password,
  extraEnv: Record<string, string> = {},
): Promise<{ code: number; output: string }> {
  const { code, output } = await runProcess('bash', [SCRIPT, out, '0123456789abcdef'], {
    cwd: repoRoot(),
    env: {
      ...process.env,
      DB_HOST: db.host,
      DB_PORT: String(db.port),
      DB_NAME: db.database,
      DB_USER: db.user,
      DB_PASSWORD: password,
      ...extraEnv,
    },
  });
  return { code: code ?? 1, output };
}

async function query<T>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

// Six JVM starts per run; the machine is shared, so allow minutes rather than the default one.
describe('migrate-steps.sh against real PostgreSQL and Liquibase', { timeout: 240_000 }, () => {
  it('validates, reports status, keeps the SQL, tags the rollback point, then updates', async () => {
    const out = path.join(workDir, 'first');

    const { code, output } = await runSteps(out);

    expect(code, output).toBe(0);
    const steps = [...output.matchAll(/^== (\w[\w-]*)/gm)].map((match) => match[1]);
    expect(steps).toEqual(['validate', 'status', 'update-sql', 'tag', 'update', 'done']);
    expect(readFileSync(path.join(out, 'update.sql'), 'utf8')).toMatch(/CREATE TABLE/i);
    const tag = readFileSync(path.join(out, 'rollback-tag.txt'), 'utf8').trim();
    expect(tag).toMatch(/^before-0123456789ab-\d{8}T\d{6}Z$/);
    const tagged = await query<{ tag: string }>('select tag from databasechangelog where tag is not null');
    expect(tagged.map((row) => row.tag)).toEqual([tag]);
    const applied = await query<{ n: string }>('select count(*) as n from databasechangelog');
    expect(Number(applied[0]?.n)).toBeGreaterThan(1);
  });

  it('a second run finds nothing to apply and still succeeds', async () => {
    const out = path.join(workDir, 'second');

    const { code, output } = await runSteps(out);

    expect(code, output).toBe(0);
    expect(readFileSync(path.join(out, 'update.sql'), 'utf8')).not.toMatch(/CREATE TABLE/i);
  });

  it('MIGRATE_ONLY runs one command instead: rolling back the last changeset', async () => {
    const count = async () =>
      Number((await query<{ n: string }>('select count(*) as n from databasechangelog'))[0]?.n);
    const before = await count();

    const { code, output } = await runSteps(path.join(workDir, 'only'), db.password, {
      MIGRATE_ONLY: 'rollback-count 1',
    });

    expect(code, output).toBe(0);
    expect(output).toContain('== only: shoestring migrate rollback-count 1');
    expect(output).not.toContain('== update');
    expect(await count()).toBe(before - 1);
  });

  it('stops at the first step, non-zero, when the database refuses the credentials', async () => {
    const { code, output } = await runSteps(path.join(workDir, 'refused'), 'wrong-password');

    expect(code).not.toBe(0);
    expect(output).toContain('== validate');
    expect(output).not.toContain('== status');
  });
});
