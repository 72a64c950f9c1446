import { randomUUID } from 'node:crypto';
import {
  type FastifyBaseLogger,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { redactSecrets, serializeError } from './log-redaction.ts';
import { REQUEST_ID_FIELD, type RequestLine, RequestLogger } from './request-logger.ts';
import { routePatternOf } from './route-pattern.ts';

/**
 * The server's logger (tests pass a `stream` to capture the lines). Secrets are replaced wherever they appear in
 * the first levels of a logged object, an error or a child logger's bindings (`log-redaction.ts`).
 */
export function createLogger(level: string, stream: DestinationStream): Logger {
  const logger = pino(loggerOptions(level), stream);
  // Children are created from their parent's prototype, so every descendant's child() goes through this one.
  const child = logger.child;
  logger.child = function (this: Logger, bindings, options) {
    return Reflect.apply(child, this, [redactSecrets(bindings), options]);
  } as typeof child;
  return logger;
}

function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    serializers: { err: serializeError },
    // URLs with credentials (postgres://user:pass@host) are masked wherever they appear in a message.
    hooks: {
      logMethod(args, method) {
        for (let i = 0; i < args.length; i++) {
          const arg = args[i];
          if (typeof arg === 'string' && arg.includes('://')) args[i] = maskUrlCredentials(arg);
        }
        method.apply(this, args);
      },
    },
    formatters: { level: (label) => ({ level: label }), log: redactSecrets, bindings: redactSecrets },
  };
}

/**
 * One line per request, when it has been answered: method, URL, route pattern, status and duration, with the
 * request id and trace id (`RequestLogger`), instead of Fastify's two ("incoming request" and "request completed").
 * At the route's log level, so `logLevel: 'warn'` routes (metrics, openapi.json) stay quiet.
 */
const LOG_FIELDS = Symbol('shoestring.logFields');

/** Adds fields to the request's one line (a rejected request's problem code and detail), instead of a line of their own. */
export function addToRequestLine(request: FastifyRequest, fields: Record<string, unknown>): void {
  const carrier = request as FastifyRequest & { [LOG_FIELDS]?: Record<string, unknown> };
  carrier[LOG_FIELDS] = { ...carrier[LOG_FIELDS], ...fields };
}

/** Work for every answered request: `route` is its pattern (`routePatternOf`), read once for all observers. */
export type CompletionObserver = (request: FastifyRequest, reply: FastifyReply, route: string) => void;

/**
 * Fastify's log controller, which Fastify calls once for every routed request when its response is done (or failed),
 * and the one place the platform's per-request bookkeeping runs: the observers (the request metrics, the end of the
 * request's deadline), then the request line. The same work in `onResponse` hooks cost Fastify's hook runner per
 * request (three closures and a callback per hook) on top of it, and a primary-key read is short enough for that to
 * show (docs/performance.md, issue 14). Plugins that need it are given the app's instance (`buildApp`). Fastify
 * reports to it only in an app with a logger, which the API always has.
 */
export class RequestCompletion extends LogController {
  private readonly observers: CompletionObserver[] = [];

  constructor() {
    super({ requestIdLogLabel: REQUEST_ID_FIELD });
  }

  /** Runs `observer` for every completed request, before its line is written, in the order they were added. */
  observe(observer: CompletionObserver): void {
    this.observers.push(observer);
  }

  override incomingRequest() {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    const route = routePatternOf(request);
    for (const observer of this.observers) {
      // Fastify calls this from the response's 'finish' listener: a throw here would end the process.
      try {
        observer(request, reply, route);
      } catch (observerError) {
        request.log.error({ err: observerError }, 'request completion observer failed');
      }
    }
    if (this.isLogDisabled(request)) return;
    const line: RequestLine = {
      method: request.method,
      url: request.url,
      route,
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
    };
    const extra = (request as FastifyRequest & { [LOG_FIELDS]?: Record<string, unknown> })[LOG_FIELDS];
    const log = reply.log as FastifyBaseLogger | RequestLogger;
    // An error while sending (the socket failed) is rare: its line goes through pino with the error serialised.
    if (log instanceof RequestLogger && !error) log.writeRequestLine(line, extra, 'request completed');
    else if (error) log.error({ ...line, ...extra, err: error }, 'request errored');
    else log.info({ ...line, ...extra }, 'request completed');
  }
}

const REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

/**
 * Fastify options that put the request id and the trace id on every line logged for a request, one line per request,
 * written by `completion` (whose observers the app's plugins add).
 */
export function requestLoggingOptions(
  completion = new RequestCompletion(),
): Pick<FastifyServerOptions, 'childLoggerFactory' | 'requestIdHeader' | 'logController' | 'genReqId'> {
  return {
    // The caller's X-Request-Id is kept when it looks like an id; anything else (huge, control characters) is not
    // logged and is replaced by a fresh one.
    requestIdHeader: false,
    genReqId(rawReq) {
      const incoming = rawReq.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    logController: completion,
    childLoggerFactory(logger, bindings, options, rawReq) {
      return new RequestLogger(logger as Logger, bindings, options, rawReq);
    },
  };
}

export function maskUrlCredentials(text: string): string {
  return text.replace(/([a-z][a-z\d+.-]*:\/\/[^:/@\s]+):[^@\s]+@/gi, '$1:[REDACTED]@');
}
