import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { MODULE_SPECS } from '../../src/module-specs.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createPool } from '../../src/platform/db.ts';
import { testEnv } from '../helpers/app.ts';
import { expectProblem } from '../helpers/problem.ts';

describe('unexpected errors', () => {
  it('answer 500 INTERNAL with no internals in the body, and log the stack with the request id', async () => {
    const config = loadConfig(testEnv(), MODULE_SPECS);
    const pool = createPool(config.database);
    const lines: Record<string, unknown>[] = [];
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(
          ...String(chunk)
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line)),
        );
        done();
      },
    });
    const app = await buildApp({ config, pool, logStream });
    // Declares its own route table entry: every route of the app must have one.
    const boom = {
      operationId: 'boom',
      method: 'GET',
      path: '/boom',
      module: 'platform',
      access: 'anonymous',
    } as const;
    app.route({
      method: 'GET',
      url: '/boom',
      config: { operation: boom },
      handler: async () => {
        throw new Error('relation "secret_table" does not exist at /srv/app/internal.ts:42');
      },
    });
    try {
      const response = await app.inject({ url: '/boom', headers: { 'x-request-id': 'boom-1' } });
      const problem = expectProblem(response, 500, 'INTERNAL');
      expect(response.body).not.toMatch(/secret_table|internal\.ts/);
      expect(problem.detail).toContain('boom-1');
      const logged = lines.find((line) => line.requestId === 'boom-1' && line.level === 'error');
      expect(JSON.stringify(logged)).toMatch(/secret_table/);
      expect(logged?.traceId).toMatch(/^[\da-f]{32}$/);
    } finally {
      await app.close();
      await pool.end();
    }
  });
});
