import { randomUUID } from 'node:crypto';
import { type FastifyServerOptions, LogController } from 'fastify';
import type { LoggerOptions } from 'pino';
import { traceIdOf } from './request-context.ts';

/** Keys whose values never reach a log line, wherever they appear in the first levels of a logged object. */
const SECRET_KEYS = [
  'password',
  'secret',
  'token',
  'authorization',
  'cookie',
  'connectionString',
  'databaseUrl',
];

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-internal-token"]',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

/** pino options shared by the server and tests; `stream` lets tests capture the lines. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    // URLs with credentials (postgres://user:pass@host) are masked wherever they appear in a message.
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? maskUrlCredentials(arg) : arg)) as typeof args,
        );
      },
    },
    formatters: { level: (label) => ({ level: label }) },
  };
}

const REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

/** Fastify options that put the request id and the trace id on every line logged for a request. */
export function requestLoggingOptions(): Pick<
  FastifyServerOptions,
  'childLoggerFactory' | 'requestIdHeader' | 'logController' | 'genReqId'
> {
  return {
    // The caller's X-Request-Id is kept when it looks like an id; anything else (huge, control characters) is not
    // logged and is replaced by a fresh one.
    requestIdHeader: false,
    genReqId(rawReq) {
      const incoming = rawReq.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    childLoggerFactory(logger, bindings, options, rawReq) {
      return logger.child({ ...bindings, traceId: traceIdOf(rawReq) }, options);
    },
  };
}

export function maskUrlCredentials(text: string): string {
  return text.replace(/([a-z][a-z\d+.-]*:\/\/[^:/@\s]+):[^@\s]+@/gi, '$1:[REDACTED]@');
}
