import type {} from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { Pool } from './db.ts';
import { endpoint } from './endpoint.ts';
import type { RequestCompletion } from './logger.ts';
import { registerSeriesMetrics, type Series, SeriesCounter, SeriesHistogram } from './series-histogram.ts';

/**
 * How often the event loop's delay is sampled (prom-client's default is 10 ms). Each sample wakes the process: at
 * 10 ms an idle API used 6 ms of CPU a second, 2.4 % of a 0.25 vCPU task, and every request at low traffic paid for
 * it; at 100 ms it uses 2 ms. Ten samples a second still give the lag percentiles of a 15 s scrape 150 points.
 */
const EVENT_LOOP_SAMPLE_MS = 100;

export interface MetricsPluginOptions {
  readonly pool: Pool;
  /** The app's request completion (`buildApp`), which reports each answered request. */
  readonly completion: RequestCompletion;
}

/**
 * Prometheus metrics on GET /metrics: per-route request count, errors and latency, the pool's gauges and the
 * process metrics. One registry per app instance, so tests can build several apps in one process.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance, options: MetricsPluginOptions) => {
    const { completion } = options;
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
    const duration = new SeriesHistogram(
      'http_request_duration_seconds',
      'HTTP request latency',
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    );
    registerSeriesMetrics(registry, [
      new SeriesCounter('http_requests_total', 'HTTP requests served', duration),
      new SeriesCounter(
        'http_request_errors_total',
        'HTTP requests answered with a 5xx status',
        duration,
        (series) => Number(series.labels.status_code) >= 500,
      ),
      duration,
    ]);
    registerPoolGauges(registry, options.pool);
    registerQueryHistogram(registry, options.pool);

    // Observed when the response is done (`RequestCompletion`), with the route pattern (/catalog/products/:id),
    // never the raw URL, which keeps label cardinality bounded.
    const seriesOf = requestSeriesLookup(duration);
    completion.observe((request, reply, route) => {
      duration.observe(seriesOf(request.method, route, reply.statusCode), reply.elapsedTime / 1000);
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

/**
 * The request histogram's series for a method, route pattern and status, found by three look-ups of values that
 * are the same string objects request after request (V8 keeps their hashes), instead of a key string built and
 * hashed per request.
 */
function requestSeriesLookup(duration: SeriesHistogram) {
  const byMethod = new Map<string, Map<string, Map<number, Series>>>();
  return (method: string, route: string, statusCode: number): Series => {
    let byRoute = byMethod.get(method);
    if (byRoute === undefined) {
      byRoute = new Map();
      byMethod.set(method, byRoute);
    }
    let byStatus = byRoute.get(route);
    if (byStatus === undefined) {
      byStatus = new Map();
      byRoute.set(route, byStatus);
    }
    let series = byStatus.get(statusCode);
    if (series === undefined) {
      const labels = { method, route, status_code: String(statusCode) };
      series = duration.addSeries(`${method} ${route} ${statusCode}`, labels);
      byStatus.set(statusCode, series);
    }
    return series;
  };
}

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
  const histogram = new SeriesHistogram(
    'db_query_duration_seconds',
    'PostgreSQL query latency',
    [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  );
  registerSeriesMetrics(registry, [histogram]);
  const series = histogram.addSeries('', {});
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as QueryFn;
    (client as unknown as { query: QueryFn }).query = (...args: unknown[]) => {
      const started = performance.now();
      const callback = args.at(-1);
      if (typeof callback === 'function') {
        // pg calls back with (error, result): one closure per query, no rest arguments.
        args[args.length - 1] = (error: unknown, result: unknown) => {
          histogram.observe(series, (performance.now() - started) / 1000);
          return callback(error, result);
        };
        return query(...args);
      }
      const done = () => histogram.observe(series, (performance.now() - started) / 1000);
      const result = query(...args);
      if (result instanceof Promise) result.then(done, done);
      return result;
    };
  });
}
