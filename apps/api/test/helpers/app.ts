import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { matchOperation } from '@shoestring/contract';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { type BuildAppOptions, buildApp } from '../../src/app.ts';
import { MODULE_SPECS } from '../../src/module-specs.ts';
import { type AppConfig, loadConfig } from '../../src/platform/config.ts';
import { createPool, type Pool } from '../../src/platform/db.ts';
import { TestIssuer } from './token-issuer.ts';

/** This test file's token issuer; every API the file starts trusts it (AUTH_ISSUER) and its service credential. */
export const testIssuer = await TestIssuer.start();

/** `Authorization` of a signed-in user, for `app.inject` and fetch. */
export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/** Headers of an admin (a user in the `admin` group). */
export const ADMIN = bearer(await testIssuer.token({ sub: 'test-admin', groups: ['admin'] }));

export interface TestApp {
  readonly app: FastifyInstance;
  readonly pool: Pool;
  readonly config: AppConfig;
  /** Every log line the app wrote, parsed. */
  readonly logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/** Headers of a shopper with no customer record. */
export const SHOPPER = bearer(await testIssuer.token({ sub: 'test-shopper' }));

/** The credentials the route table asks of `method path` (none for anonymous and operational routes). */
export function credentialsFor(method: string, url: string): Record<string, string> {
  const access = matchOperation(method, url.split('?')[0] ?? url)?.access;
  if (access === 'admin') return ADMIN;
  if (access === 'shopper') return SHOPPER;
  if (access === 'internal') return { 'x-internal-token': testIssuer.internalToken };
  return {};
}

/** The environment a test process runs with: the shared migrated database, no drain, quiet logs. */
export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: inject('databaseUrl'),
    DRAIN_SECONDS: '0',
    LOG_LEVEL: 'info',
    ...testIssuer.env,
    ...extra,
  };
}

/** Builds the app for `app.inject`, with its own pool and captured logs. */
export async function buildTestApp(
  env: Record<string, string> = {},
  options: Pick<BuildAppOptions, 'jwksCooldownMs'> = {},
): Promise<TestApp> {
  const config = loadConfig(testEnv(env), MODULE_SPECS);
  const pool = createPool(config.database);
  const logs: Record<string, unknown>[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const app = await buildApp({ config, pool, logStream, ...options });
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
