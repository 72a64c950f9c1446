import { mkdtempSync } from 'node:fs';
import { findFreePort, type LocalPostgres, startLocalPostgres } from '@shoestring/dbtools';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CliError } from '../../src/cli-error.ts';
import { run } from '../../src/commands/migrate.ts';

let server: LocalPostgres;
const printed: string[] = [];

beforeAll(async () => {
  server = await startLocalPostgres({ dataDir: mkdtempSync('/tmp/shoestring-migrate-cmd-'), fast: true });
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
    printed.push(String(line));
  });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await server.stop();
});

/** The environment the CodeBuild and Fargate runners set: connection parts, password in DB_PASSWORD. */
function withRunnerEnv<T>(fn: () => Promise<T>): Promise<T> {
  vi.stubEnv('DB_HOST', server.host);
  vi.stubEnv('DB_PORT', String(server.port));
  vi.stubEnv('DB_NAME', server.database);
  vi.stubEnv('DB_USER', server.user);
  vi.stubEnv('DB_PASSWORD', server.password);
  return fn().finally(() => vi.unstubAllEnvs());
}

describe('shoestring migrate', () => {
  it('applies the master changelog from the runner environment and then reports nothing pending', async () => {
    // GIVEN an empty database reachable through DB_* variables
    // WHEN update and then status run
    expect(await withRunnerEnv(() => run(['update']))).toBe(0);
    printed.length = 0;
    expect(await withRunnerEnv(() => run(['status']))).toBe(0);
    // THEN the modules' schemas exist and status says the database is current
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    const schemas = await client.query(
      "SELECT schema_name FROM information_schema.schemata WHERE schema_name IN ('catalog','customers','orders') ORDER BY 1",
    );
    await client.end();
    expect(schemas.rows.map((row: { schema_name: string }) => row.schema_name)).toEqual([
      'catalog',
      'customers',
      'orders',
    ]);
    expect(printed.join('\n')).toMatch(/up to date/i);
  });

  it('says the database is unreachable, with what to check', async () => {
    // GIVEN a URL where nothing listens
    const port = await findFreePort();
    vi.stubEnv('DB_PASSWORD', 'irrelevant');
    // WHEN status runs against it
    const error = await run([
      'status',
      '--url',
      `jdbc:postgresql://127.0.0.1:${port}/shop`,
      '--username',
      'nobody',
    ]).catch((e: unknown) => e);
    vi.unstubAllEnvs();
    // THEN the error is a user error that says so
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toMatch(/database is unreachable/);
  });

  it('lists every missing connection setting instead of guessing', async () => {
    // GIVEN no flags and no DB_* environment
    for (const name of ['DATABASE_URL', 'DB_HOST', 'DB_NAME', 'DB_USER', 'DB_PASSWORD'])
      vi.stubEnv(name, undefined);
    // WHEN update runs
    const error = await run(['update']).catch((e: unknown) => e);
    vi.unstubAllEnvs();
    // THEN it names them and the alternatives
    expect((error as Error).message).toMatch(
      /DB_HOST, DB_NAME, DB_USER, DB_PASSWORD are not set.*--url.*--local/s,
    );
  });

  it('rejects a rollback without a count', async () => {
    const error = await run(['rollback-count']).catch((e: unknown) => e);
    expect((error as Error).message).toContain('shoestring migrate rollback-count 1');
  });
});
