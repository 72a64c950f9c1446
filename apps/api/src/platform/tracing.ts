export interface Tracing {
  /** Flushes buffered spans; call last on shutdown. */
  shutdown(): Promise<void>;
}

const UNTRACED_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * Starts OpenTelemetry when an OTLP endpoint is configured (the ADOT sidecar): spans for inbound HTTP and Fastify
 * routes, PostgreSQL queries and outgoing fetch calls (which also carry the W3C `traceparent`). Must run before
 * the app (fastify, pg) is imported so the instrumentations can patch them. Without an endpoint nothing starts,
 * and the SDK is not even loaded (it is some 30 MB of memory and a slower start for nothing).
 */
export async function startTracing(options: { endpoint?: string; serviceName: string }): Promise<Tracing> {
  if (!options.endpoint) return { shutdown: async () => {} };
  const [
    { FastifyOtelInstrumentation },
    { OTLPTraceExporter },
    { HttpInstrumentation },
    { PgInstrumentation },
    { UndiciInstrumentation },
    { resourceFromAttributes },
    { NodeSDK },
    { ATTR_SERVICE_NAME },
  ] = await Promise.all([
    import('@fastify/otel'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-pg'),
    import('@opentelemetry/instrumentation-undici'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/semantic-conventions'),
  ]);
  const sdk = new NodeSDK({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    traceExporter: new OTLPTraceExporter({ url: `${options.endpoint}/v1/traces` }),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0] ?? ''),
      }),
      new UndiciInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true }),
      new FastifyOtelInstrumentation({ registerOnInitialization: true }),
    ],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
