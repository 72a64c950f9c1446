import { mkdtempSync, rmSync } from 'node:fs';
import { runLiquibase, startLocalPostgres } from '@shoestring/dbtools';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres:// URL of the run's PostgreSQL, migrated by the real master changelog. */
    databaseUrl: string;
  }
}

/** Once per test run: a real PostgreSQL 17, migrated by real Liquibase with the real master changelog. */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync('/tmp/shoestring-api-test-');
  const postgres = await startLocalPostgres({ dataDir, fast: true });
  try {
    await runLiquibase({
      command: 'update',
      connection: { url: postgres.url, user: postgres.user, password: postgres.password },
    });
  } catch (error) {
    await postgres.stop();
    throw error;
  }
  project.provide('databaseUrl', postgres.url);
  return async () => {
    await postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
    // As root the cluster may live outside dataDir (dbtools' reachableDataDir); remove it too.
    rmSync(postgres.pgdata, { recursive: true, force: true });
  };
}
