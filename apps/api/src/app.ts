import swagger from '@fastify/swagger';
import { API_PREFIX } from '@shoestring/contract';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { authPlugin } from './platform/auth.ts';
import type { AppConfig } from './platform/config.ts';
import type { Pool } from './platform/db.ts';
import { endpoint, SECURITY_SCHEMES } from './platform/endpoint.ts';
import { healthPlugin } from './platform/health.ts';
import { stdoutDestination } from './platform/log-destination.ts';
import { createLogger, RequestCompletion, requestLoggingOptions } from './platform/logger.ts';
import { metricsPlugin } from './platform/metrics.ts';
import { expectedChangesets } from './platform/migrations.ts';
import { problemPlugin, sendProblem, toProblem } from './platform/problem.ts';
import { requestContextHook } from './platform/request-context.ts';
import { requestDeadlinePlugin } from './platform/request-deadline.ts';
import { AJV_OPTIONS, Problem } from './platform/schemas.ts';
import { registerModules } from './topology.ts';

export interface BuildAppOptions {
  readonly config: AppConfig;
  readonly pool: Pool;
  /** Where log lines go; stdout by default (tests capture them). */
  readonly logStream?: DestinationStream;
  /** How soon the issuer's keys may be fetched again (see `authPlugin`); key-rotation tests set 0. */
  readonly jwksCooldownMs?: number;
}

/** The whole API as a Fastify instance, not listening: `server.ts` listens, tests use `app.inject`. */
export async function buildApp({
  config,
  pool,
  logStream,
  jwksCooldownMs,
}: BuildAppOptions): Promise<FastifyInstance> {
  // Where the request line, the request metrics and the deadline's end run for every answered request.
  const completion = new RequestCompletion();
  const app = Fastify({
    loggerInstance: createLogger(config.logLevel, logStream ?? stdoutDestination()) as FastifyBaseLogger,
    ...requestLoggingOptions(completion),
    bodyLimit: config.bodyLimitBytes,
    // A HEAD route copied from a GET would skip the access check the auth plugin adds to the GET.
    exposeHeadRoutes: false,
    ajv: AJV_OPTIONS,
    // Router errors (a path parameter over 100 characters, a malformed URL) bypass the error handler otherwise.
    frameworkErrors: (error, request, reply) => sendProblem(reply, toProblem(error, request)),
  });

  app.addSchema(Problem);
  // First, so every route after it is checked against the route table and guarded by its access level.
  await app.register(authPlugin, {
    auth: config.auth,
    ...(jwksCooldownMs === undefined ? {} : { jwksCooldownMs }),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Shoestring shop API',
        version: '0.1.0',
        description: 'Errors are RFC 9457 problem+json. Who may call each operation: docs/security.md.',
      },
      servers: [{ url: API_PREFIX, description: 'The site origin: CloudFront, or the local gateway' }],
      components: { securitySchemes: SECURITY_SCHEMES },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(problemPlugin);
  await app.register(requestDeadlinePlugin, { timeoutMs: config.requestTimeoutMs, completion });
  if (Object.keys(config.remoteModules).length > 0) app.addHook('onRequest', requestContextHook);
  await app.register(metricsPlugin, { pool, completion });
  await app.register(healthPlugin, { pool, expectedChangesets: expectedChangesets() });
  await registerModules(app, config, pool);
  app.route({
    ...endpoint('openapi'),
    schema: { hide: true },
    logLevel: 'warn',
    handler: async () => app.swagger(),
  });
  return app;
}
