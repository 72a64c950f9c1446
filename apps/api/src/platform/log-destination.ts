import pino, { type DestinationStream } from 'pino';

/**
 * Lines gather until about this many bytes (counted in UTF-16 units, which is bytes for the ASCII of a request line):
 * some 45 request lines per write instead of a write per line.
 */
const STDOUT_BATCH_BYTES = 12 * 1024;
/** ...or at most this long, so a quiet server's lines still reach the log within a fraction of a second. */
const STDOUT_FLUSH_MS = 250;

interface Writer {
  write(text: string): unknown;
}

/**
 * Collects lines and hands them to `destination` a batch at a time. sonic-boom's own `minLength` batching appends each
 * line to one growing string and measures its UTF-8 length on every write, which copies the whole batch per line: at
 * 12 kB batches that was some 6 kB of garbage per request, and the collector ran accordingly. Here a batch is joined
 * once.
 */
export class LineBatcher implements DestinationStream {
  private lines: string[] = [];
  private size = 0;

  constructor(
    private readonly destination: Writer,
    private readonly batchBytes = STDOUT_BATCH_BYTES,
  ) {}

  write(line: string): boolean {
    this.lines.push(line);
    this.size += line.length;
    if (this.size >= this.batchBytes) this.flush();
    return true;
  }

  /** Hands every gathered line to the destination now. */
  flush(): void {
    if (this.lines.length === 0) return;
    const batch = this.lines.join('');
    this.lines = [];
    this.size = 0;
    this.destination.write(batch);
  }
}

/** The process's one stdout batcher, made by the first `stdoutDestination()`. */
let sharedStdout: LineBatcher | undefined;

/**
 * Where the server logs: stdout, in batches written synchronously (ADR 0130 and its addenda). A write per line cost
 * a system call per request; an asynchronous write cost two thread-pool hand-offs (`futex`) per batch besides. A
 * batch is one `write` on the event loop's thread, as `process.stdout` does on a pipe, which is what a container's
 * stdout is; the log driver on the other end (awslogs in non-blocking mode, `api-service.ts`) never makes it wait.
 * What is gathered is written every 250 ms and when the process exits (`process.exit` included). Every app in a
 * process shares one batcher, so lines stay in order and the process gets one timer and one exit listener however
 * many apps it builds.
 */
export function stdoutDestination(): DestinationStream {
  if (sharedStdout === undefined) {
    const batcher = new LineBatcher(pino.destination({ dest: 1, sync: true }));
    setInterval(() => batcher.flush(), STDOUT_FLUSH_MS).unref();
    process.on('exit', () => batcher.flush());
    sharedStdout = batcher;
  }
  return sharedStdout;
}
