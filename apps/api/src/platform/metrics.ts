import type {} from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Pool } from './db.ts';
import { endpoint } from './endpoint.ts';

/**
 * Prometheus metrics on GET /metrics: per-route request count, errors and latency, the pool's gauges and the
 * process metrics. One registry per app instance, so tests can build several apps in one process.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance, options: { pool: Pool }) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const labelNames = ['method', 'route', 'status_code'] as const;
    const requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests served',
      labelNames,
      registers: [registry],
    });
    const errors = new Counter({
      name: 'http_request_errors_total',
      help: 'HTTP requests answered with a 5xx status',
      labelNames,
      registers: [registry],
    });
    const duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    registerPoolGauges(registry, options.pool);
    registerQueryHistogram(registry, options.pool);

    // A callback hook, not an async one: no promise and microtask per request for synchronous work.
    app.addHook('onResponse', (request, reply, done) => {
      // The route pattern (/catalog/products/:id), never the raw URL, keeps label cardinality bounded.
      const labels = {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status_code: String(reply.statusCode),
      };
      requests.inc(labels);
      if (reply.statusCode >= 500) errors.inc(labels);
      duration.observe(labels, reply.elapsedTime / 1000);
      done();
    });

    app.route({
      ...endpoint('metrics'),
      schema: { hide: true },
      logLevel: 'warn',
      handler: async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
    });
  },
  { name: 'metrics' },
);

function registerPoolGauges(registry: Registry, pool: Pool) {
  const gauges = [
    ['db_pool_connections_total', 'Connections open in the PostgreSQL pool', () => pool.totalCount],
    ['db_pool_connections_idle', 'Idle connections in the PostgreSQL pool', () => pool.idleCount],
    ['db_pool_requests_waiting', 'Queries waiting for a pool connection', () => pool.waitingCount],
  ] as const;
  for (const [name, help, read] of gauges) {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  }
}

type QueryFn = (...args: unknown[]) => unknown;

/**
 * PostgreSQL query latency as the API waits for it (the database dashboard's "query latency"). Each pooled client's
 * `query` is timed when the pool connects it, so `pool.query` (callback style inside pg) and transactions both count.
 */
function registerQueryHistogram(registry: Registry, pool: Pool) {
  const histogram = new Histogram({
    name: 'db_query_duration_seconds',
    help: 'PostgreSQL query latency',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as QueryFn;
    (client as unknown as { query: QueryFn }).query = (...args: unknown[]) => {
      const done = histogram.startTimer();
      const callback = args.at(-1);
      if (typeof callback === 'function') {
        args[args.length - 1] = (...results: unknown[]) => {
          done();
          return callback(...results);
        };
        return query(...args);
      }
      const result = query(...args);
      if (result instanceof Promise)
        result.then(
          () => done(),
          () => done(),
        );
      return result;
    };
  });
}
