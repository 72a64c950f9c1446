import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import type { Pool } from './db.ts';
import { endpoint } from './endpoint.ts';
import { AppError } from './errors.ts';
import { type Changeset, pendingChangesets } from './migrations.ts';
import { problemResponses } from './schemas.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Called on SIGTERM: /ready fails from now on so Cloud Map and the gateway stop sending traffic. */
    startDraining(): void;
  }
}

export class NotReadyError extends AppError {
  constructor(detail: string) {
    super('NOT_READY', 503, detail, 'Not ready');
  }
}

const HEALTH_DB_TIMEOUT_MS = 1000;

/** GET /health (liveness: never fails while the process runs) and GET /ready (DB up, migrations current, not draining). */
export const healthPlugin = fp(
  async (app: FastifyInstance, options: { pool: Pool; expectedChangesets: readonly Changeset[] }) => {
    let draining = false;
    let migrationsCurrent = false; // once current, stays current for the life of the process
    app.decorate('startDraining', () => {
      draining = true;
    });

    app.route({
      ...endpoint('health'),
      logLevel: 'warn',
      schema: {
        tags: ['platform'],
        summary: 'Liveness: the process answers, and says whether the database does',
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            database: Type.Union([Type.Literal('up'), Type.Literal('down')]),
          }),
          ...problemResponses,
        },
      },
      handler: async () => ({
        status: 'ok' as const,
        database: (await databaseUp(options.pool)) ? ('up' as const) : ('down' as const),
      }),
    });

    app.route({
      ...endpoint('ready'),
      logLevel: 'warn',
      schema: {
        tags: ['platform'],
        summary: 'Readiness: database reachable, migrations applied, not draining',
        response: { 200: Type.Object({ status: Type.Literal('ready') }), ...problemResponses },
      },
      handler: async () => {
        if (draining) throw new NotReadyError('The process is shutting down.');
        if (!(await databaseUp(options.pool))) throw new NotReadyError('The database is unreachable.');
        if (!migrationsCurrent) {
          const pending = await pendingChangesets(options.pool, options.expectedChangesets);
          if (pending.length > 0) {
            const names = pending.map((c) => `${c.filename}::${c.id}`).join(', ');
            throw new NotReadyError(`${pending.length} database migration(s) not applied: ${names}`);
          }
          migrationsCurrent = true;
        }
        return { status: 'ready' as const };
      },
    });
  },
  { name: 'health' },
);

async function databaseUp(pool: Pool): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), HEALTH_DB_TIMEOUT_MS);
  });
  const probe = pool.query('SELECT 1').then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
