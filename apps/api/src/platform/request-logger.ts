import type { IncomingMessage } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, Level, LevelWithSilentOrString, Logger } from 'pino';
import { traceIdOf } from './request-context.ts';

/**
 * The logger of one request (`request.log`): every line it writes carries the request id and the trace id, but the
 * pino child that binds them is made only when something logs through it (a warning, a refusal, an error). Most
 * requests write nothing but their request line, which `writeRequestLine` sends through the parent with the same
 * two fields: a pino child per request (bindings redacted and serialised, a logger object with its own prototype)
 * was the largest single cost of a primary-key read after the socket (docs/performance.md, issue 14).
 */
/** The field, and Fastify's `requestIdLogLabel`, that carries the request id on every line of a request. */
export const REQUEST_ID_FIELD = 'requestId' as const;

export class RequestLogger implements FastifyBaseLogger {
  private child_: Logger | undefined;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
    private readonly raw: IncomingMessage,
  ) {}

  /** The pino child with the request's bindings, made on first use. */
  private logger(): Logger {
    this.child_ ??= this.parent.child({ ...this.bindings, traceId: traceIdOf(this.raw) }, this.options);
    return this.child_;
  }

  get level(): LevelWithSilentOrString {
    return this.child_?.level ?? this.options.level ?? this.parent.level;
  }

  set level(level: LevelWithSilentOrString) {
    this.logger().level = level;
  }

  /** Whether a line at `level` would be written: the route's `logLevel` when it has one, else the parent's. */
  isLevelEnabled(level: Level): boolean {
    const values = this.parent.levels.values;
    return (values[level] ?? 0) >= (values[this.level] ?? Number.POSITIVE_INFINITY);
  }

  /**
   * Writes the request's one line at `level` through the parent, with the request id and trace id as its first
   * fields: the line the child would have written, without making one (route-level serializers do not apply; the
   * API sets none).
   */
  writeRequestLine(level: 'info' | 'error', fields: Record<string, unknown>, message: string): void {
    if (!this.isLevelEnabled(level)) return;
    // The ids first and the fields spread last: spreading another object first made V8 build a line 4 times as
    // slow to write (8.7 against 2.1 microseconds, bench/micro measurements of 2026-12-06).
    const line = { requestId: this.bindings[REQUEST_ID_FIELD], traceId: traceIdOf(this.raw), ...fields };
    this.parent[level](line, message);
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.logger().child(bindings, options);
  }

  // Methods on the prototype, not arrow-function fields: a request must not pay seven closures for a logger.
  fatal(obj: unknown, message?: string, ...args: unknown[]): void {
    this.write('fatal', obj, message, args);
  }
  error(obj: unknown, message?: string, ...args: unknown[]): void {
    this.write('error', obj, message, args);
  }
  warn(obj: unknown, message?: string, ...args: unknown[]): void {
    this.write('warn', obj, message, args);
  }
  info(obj: unknown, message?: string, ...args: unknown[]): void {
    this.write('info', obj, message, args);
  }
  debug(obj: unknown, message?: string, ...args: unknown[]): void {
    this.write('debug', obj, message, args);
  }
  trace(obj: unknown, message?: string, ...args: unknown[]): void {
    this.write('trace', obj, message, args);
  }
  silent(): void {}

  private write(level: Level, obj: unknown, message: string | undefined, args: unknown[]): void {
    // A disabled level makes no child: Fastify logs at debug on paths a production level drops.
    if (!this.isLevelEnabled(level)) return;
    const log = this.logger()[level] as (...all: unknown[]) => void;
    if (message === undefined && args.length === 0) log.call(this.child_, obj);
    else log.call(this.child_, obj, message, ...args);
  }
}
