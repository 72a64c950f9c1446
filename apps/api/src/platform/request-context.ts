import { AsyncLocalStorage } from 'node:async_hooks';
import { randomFillSync } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** What code deep in a request (a remote module client) needs to know about the request it serves. */
export interface RequestContext {
  readonly requestId: string;
  readonly traceId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();
const TRACEPARENT = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/;

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** What holds a request's trace id once it is fixed: the request's logger (`RequestLogger`, `request.log`). */
export interface TraceIdCarrier {
  readonly traceId: string;
}

/**
 * A trace id for a new request: the active OpenTelemetry span's when tracing runs, else the caller's W3C
 * `traceparent`, else a fresh one. So log lines carry a trace id even with tracing export off. The request's logger
 * fixes it on first use (kept there, not on Node's request object, whose shape Node's own code reads on every
 * request).
 */
export function newTraceId(raw: IncomingMessage): string {
  const span = trace.getActiveSpan()?.spanContext();
  if (span && isSpanContextValid(span)) return span.traceId;
  const header = raw.headers.traceparent;
  return (typeof header === 'string' ? TRACEPARENT.exec(header)?.[1] : undefined) ?? randomHex(16);
}

/** A `traceparent` for an outgoing call when no OpenTelemetry propagator injected one. */
export function fallbackTraceparent(context: RequestContext): string {
  return `00-${context.traceId}-${randomHex(8)}-01`;
}

const randomPool = Buffer.alloc(4096);
let randomOffset = randomPool.length;

/**
 * `bytes` random bytes as hex, cut from a pool refilled by the CSPRNG (as crypto.randomUUID does): one system call
 * per 256 trace ids instead of one per request.
 */
function randomHex(bytes: number): string {
  if (randomOffset + bytes > randomPool.length) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  randomOffset += bytes;
  return randomPool.toString('hex', randomOffset - bytes, randomOffset);
}

/**
 * Runs each request's lifecycle inside its context (the @fastify/request-context pattern: `run` around `done`).
 * Only the remote module client reads it, so the app adds this hook only when a module is remote: on Node 20 an
 * AsyncLocalStorage in use puts a hook on every promise, which a process with every module in it need not pay.
 */
export function requestContextHook(request: FastifyRequest, _reply: FastifyReply, done: () => void) {
  // The app's request logger holds the id its lines carry; a bare Fastify logger has none to share.
  const traceId = (request.log as Partial<TraceIdCarrier>).traceId ?? newTraceId(request.raw);
  runWithRequestContext({ requestId: request.id, traceId }, done);
}
