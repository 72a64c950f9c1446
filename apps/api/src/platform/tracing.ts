import { FastifyOtelInstrumentation } from '@fastify/otel';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export interface Tracing {
  /** Flushes buffered spans; call last on shutdown. */
  shutdown(): Promise<void>;
}

const UNTRACED_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * Starts OpenTelemetry when an OTLP endpoint is configured (the ADOT sidecar): spans for inbound HTTP and Fastify
 * routes, PostgreSQL queries and outgoing fetch calls (which also carry the W3C `traceparent`). Must run before
 * the app (fastify, pg) is imported so the instrumentations can patch them. Without an endpoint nothing starts.
 */
export function startTracing(options: { endpoint?: string; serviceName: string }): Tracing {
  if (!options.endpoint) return { shutdown: async () => {} };
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
