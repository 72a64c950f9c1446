import type { IncomingMessage } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import pino, {
  type Bindings,
  type ChildLoggerOptions,
  type Level,
  type LevelWithSilentOrString,
  type Logger,
} from 'pino';
import { redactSecrets } from './log-redaction.ts';
import { newTraceId, type TraceIdCarrier } from './request-context.ts';

const { chindingsSym, endSym, lsCacheSym, streamSym, timeSym } = pino.symbols;

/** What pino keeps on a logger to frame a line, under its public symbols (`pino.symbols`). */
interface PinoFraming {
  /** `{"level":"info"` and the like, by level number. */
  readonly levelCache: Record<number, string>;
  /** `,"time":<epoch ms>` */
  readonly time: () => string;
  /** `}` and the line end. */
  readonly end: string;
  readonly stream: { write(line: string): unknown };
}

function framingOf(logger: Logger): PinoFraming {
  const parts = logger as unknown as Record<symbol, unknown>;
  return {
    levelCache: parts[lsCacheSym] as Record<number, string>,
    time: (parts[timeSym] as () => string).bind(logger),
    end: parts[endSym] as string,
    stream: parts[streamSym] as PinoFraming['stream'],
  };
}

/** The logger's bindings, serialised (`,"pid":1,"hostname":"..."`); read each time, `setBindings` changes them. */
function chindingsOf(logger: Logger): string {
  return (logger as unknown as Record<symbol, string>)[chindingsSym] ?? '';
}

/** Framing per parent logger: the app's logger, so one entry (WeakMap: a closed app's logger can go). */
const framings = new WeakMap<Logger, PinoFraming>();

/** The fields of a request's one line besides its ids. */
export interface RequestLine {
  readonly method: string;
  readonly url: string;
  readonly route: string;
  readonly statusCode: number;
  readonly durationMs: number;
}

/** The field, and Fastify's `requestIdLogLabel`, that carries the request id on every line of a request. */
export const REQUEST_ID_FIELD = 'requestId' as const;

/**
 * The logger of one request (`request.log`): every line it writes carries the request id and the trace id, but the
 * pino child that binds them is made only when something logs through it (a warning, a refusal, an error). Most
 * requests write nothing but their request line, which `writeRequestLine` sends through the parent with the same
 * two fields: a pino child per request (bindings redacted and serialised, a logger object with its own prototype)
 * was the largest single cost of a primary-key read after the socket (docs/performance.md, issue 14).
 */
export class RequestLogger implements FastifyBaseLogger, TraceIdCarrier {
  private child_: Logger | undefined;
  private traceId_: string | undefined;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
    private readonly raw: IncomingMessage,
  ) {}

  /** The request's trace id (`newTraceId`), fixed on first read: its lines and its request context share it. */
  get traceId(): string {
    this.traceId_ ??= newTraceId(this.raw);
    return this.traceId_;
  }

  /** The pino child with the request's bindings, made on first use. */
  private logger(): Logger {
    this.child_ ??= this.parent.child({ ...this.bindings, traceId: this.traceId }, this.options);
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
   * Writes the request's one line at info: the line `parent.info({ requestId, traceId, ...line, ...extra }, message)`
   * would write, framed by pino's own pieces (its cached level and time, the parent's bindings, its line end) but
   * with the fixed fields written straight into the JSON. pino's generic walk over the object (a serializer and a
   * stringifier look-up per key) was most of a line's cost. Only `extra` (a refused request's code and detail) goes
   * through the redaction.
   */
  writeRequestLine(line: RequestLine, extra: Record<string, unknown> | undefined, message: string): void {
    if (!this.isLevelEnabled('info')) return;
    let framing = framings.get(this.parent);
    if (framing === undefined) {
      framing = framingOf(this.parent);
      framings.set(this.parent, framing);
    }
    const extraJson = extra === undefined ? '' : `,${JSON.stringify(redactSecrets(extra)).slice(1, -1)}`;
    framing.stream.write(
      `${framing.levelCache[this.parent.levels.values.info ?? 30]}${framing.time()}${chindingsOf(this.parent)}` +
        `,"requestId":${JSON.stringify(this.bindings[REQUEST_ID_FIELD])},"traceId":"${this.traceId}"` +
        `,"method":${JSON.stringify(line.method)},"url":${JSON.stringify(line.url)},"route":${JSON.stringify(line.route)}` +
        `,"statusCode":${line.statusCode},"durationMs":${line.durationMs}${extraJson}` +
        `,"msg":${JSON.stringify(message)}${framing.end}`,
    );
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
