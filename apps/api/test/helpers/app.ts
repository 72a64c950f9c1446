import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { MODULE_SPECS } from '../../src/module-specs.ts';
import { type AppConfig, loadConfig } from '../../src/platform/config.ts';
import { createPool, type Pool } from '../../src/platform/db.ts';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly pool: Pool;
  readonly config: AppConfig;
  /** Every log line the app wrote, parsed. */
  readonly logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/** The environment a test process runs with: the shared migrated database, no drain, quiet logs. */
export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { DATABASE_URL: inject('databaseUrl'), DRAIN_SECONDS: '0', LOG_LEVEL: 'info', ...extra };
}

/** Builds the app for `app.inject`, with its own pool and captured logs. */
export async function buildTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig(testEnv(env), MODULE_SPECS);
  const pool = createPool(config.database);
  const logs: Record<string, unknown>[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const app = await buildApp({ config, pool, logStream });
  await app.ready();
  return {
    app,
    pool,
    config,
    logs,
    async close() {
      await app.close();
      await pool.end();
    },
  };
}

/** A value no other test file uses, so files can share one database without truncating it. */
export function unique(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
