/**
 * The process: read and validate the configuration, start tracing, build the app, listen, and shut down
 * gracefully for Fargate behind Cloud Map (see `drainThenExit`).
 * Run with `node --import tsx apps/api/src/server.ts` (dev) or `node dist/server.js` (image).
 */
// First: V8 settings that must be in place before the process allocates (see the module).
import './platform/v8-tuning.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { MODULE_SPECS } from './module-specs.ts';
import { type AppConfig, ConfigError, loadConfig } from './platform/config.ts';
import { maskUrlCredentials } from './platform/logger.ts';
import { startTracing } from './platform/tracing.ts';

const config = readConfigOrExit();
// Tracing starts before fastify and pg are imported, so its instrumentations can patch them.
const tracing = await startTracing({ endpoint: config.otlpEndpoint, serviceName: config.serviceName });
const { buildApp } = await import('./app.ts');
const { createPool } = await import('./platform/db.ts');

const pool = createPool(config.database);
const app = await buildApp({ config, pool });
let stopping = false;

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => void drainThenExit(signal));
}

try {
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    {
      modules: config.modules,
      remoteModules: Object.keys(config.remoteModules),
      tracing: Boolean(config.otlpEndpoint),
    },
    'shoestring api started',
  );
} catch (error) {
  app.log.fatal({ err: error }, 'could not start listening');
  await pool.end();
  process.exit(1);
}

/**
 * ECS deregisters the task from Cloud Map and sends SIGTERM at the same moment, but callers (API Gateway, other
 * services) keep cached DNS answers for a while. So: fail /ready at once, keep serving for DRAIN_SECONDS, then stop
 * accepting, let in-flight requests finish, close the pool and exit, all before the ECS stop timeout.
 */
async function drainThenExit(signal: string) {
  if (stopping) return;
  stopping = true;
  app.startDraining();
  app.log.info({ signal, drainSeconds: config.drainSeconds }, 'draining: /ready now fails, still serving');
  await sleep(config.drainSeconds * 1000);
  app.log.info('closing: no new connections, finishing in-flight requests');
  // No request outlives its timeout; if closing still hangs, exit anyway rather than be SIGKILLed by ECS.
  setTimeout(() => {
    app.log.error('in-flight work did not finish in time; exiting');
    process.exit(1);
  }, config.requestTimeoutMs + 5000).unref();
  try {
    // A keep-alive connection whose request finishes after close() began stays open until the client drops it.
    setInterval(() => app.server.closeIdleConnections(), 100).unref();
    await app.close();
    await pool.end();
    await tracing.shutdown();
    app.log.info('stopped');
    process.exit(0);
  } catch (error) {
    app.log.error({ err: error }, 'unclean shutdown');
    process.exit(1);
  }
}

function readConfigOrExit(): AppConfig {
  try {
    return loadConfig(process.env, MODULE_SPECS);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${maskUrlCredentials(error.message)}\n`);
    process.exit(1);
  }
}
