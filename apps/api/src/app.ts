import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { AppConfig } from './platform/config.ts';
import type { Pool } from './platform/db.ts';
import { healthPlugin } from './platform/health.ts';
import { createLogger, requestLoggingOptions, stdoutDestination } from './platform/logger.ts';
import { metricsPlugin } from './platform/metrics.ts';
import { expectedChangesets } from './platform/migrations.ts';
import { problemPlugin, sendProblem, toProblem } from './platform/problem.ts';
import { requestContextHook } from './platform/request-context.ts';
import { requestDeadlinePlugin } from './platform/request-deadline.ts';
import { Problem } from './platform/schemas.ts';
import { registerModules } from './topology.ts';

export interface BuildAppOptions {
  readonly config: AppConfig;
  readonly pool: Pool;
  /** Where log lines go; stdout by default (tests capture them). */
  readonly logStream?: DestinationStream;
}

/** The whole API as a Fastify instance, not listening: `server.ts` listens, tests use `app.inject`. */
export async function buildApp({ config, pool, logStream }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: createLogger(config.logLevel, logStream ?? stdoutDestination()) as FastifyBaseLogger,
    ...requestLoggingOptions(),
    bodyLimit: config.bodyLimitBytes,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
    // Router errors (a path parameter over 100 characters, a malformed URL) bypass the error handler otherwise.
    frameworkErrors: (error, request, reply) => sendProblem(reply, toProblem(error, request)),
  });

  app.addSchema(Problem);
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Shoestring shop API',
        version: '0.1.0',
        description: 'Errors are RFC 9457 problem+json.',
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(problemPlugin);
  await app.register(requestDeadlinePlugin, { timeoutMs: config.requestTimeoutMs });
  if (Object.keys(config.remoteModules).length > 0) app.addHook('onRequest', requestContextHook);
  await app.register(metricsPlugin, { pool });
  await app.register(healthPlugin, { pool, expectedChangesets: expectedChangesets() });
  await registerModules(app, config, pool);
  app.get('/openapi.json', { schema: { hide: true }, logLevel: 'warn' }, async () => app.swagger());
  return app;
}
