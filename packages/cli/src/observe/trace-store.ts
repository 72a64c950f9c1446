/** One span as the local receiver keeps it: the OTLP fields a person reads, attributes flattened. */
export interface StoredSpan {
  readonly traceId: string;
  readonly spanId: string;
  /** Empty for a root span. */
  readonly parentSpanId: string;
  readonly name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  readonly kind: number;
  /** `service.name` of the process that sent it. */
  readonly service: string;
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
  /** OTLP status code: 0 unset, 1 ok, 2 error. */
  readonly statusCode: number;
  readonly attributes: Readonly<Record<string, unknown>>;
}

export interface TraceSummary {
  readonly traceId: string;
  /** Name of the root span, or of the earliest span while the root has not arrived. */
  readonly name: string;
  readonly services: readonly string[];
  readonly spanCount: number;
  readonly durationMs: number;
  readonly startTime: string;
}

/**
 * The most recent traces, in arrival order; the oldest trace is dropped once `maxTraces` is exceeded so a long
 * `shoestring dev --observe` session keeps a bounded memory footprint.
 */
export class TraceStore {
  private readonly traces = new Map<string, StoredSpan[]>();

  constructor(private readonly maxTraces = 1_000) {}

  add(spans: readonly StoredSpan[]): void {
    for (const span of spans) {
      const trace = this.traces.get(span.traceId);
      if (trace) trace.push(span);
      else this.traces.set(span.traceId, [span]);
    }
    while (this.traces.size > this.maxTraces) {
      const oldest = this.traces.keys().next().value;
      if (oldest === undefined) break;
      this.traces.delete(oldest);
    }
  }

  /** The spans of one trace, by start time. */
  get(traceId: string): StoredSpan[] | undefined {
    const spans = this.traces.get(traceId);
    return spans && [...spans].sort((a, b) => compareNanos(a.startTimeUnixNano, b.startTimeUnixNano));
  }

  /** Newest first; `name` keeps traces whose root (or any span) name contains it. */
  list(filter: { name?: string; limit?: number } = {}): TraceSummary[] {
    const summaries: TraceSummary[] = [];
    for (const traceId of [...this.traces.keys()].reverse()) {
      const spans = this.get(traceId) ?? [];
      if (filter.name && !spans.some((span) => span.name.includes(filter.name as string))) continue;
      summaries.push(summarize(traceId, spans));
      if (summaries.length >= (filter.limit ?? 50)) break;
    }
    return summaries;
  }
}

function summarize(traceId: string, spans: readonly StoredSpan[]): TraceSummary {
  const root = spans.find((span) => span.parentSpanId === '') ?? spans[0];
  const start = spans.reduce(
    (min, s) => (compareNanos(s.startTimeUnixNano, min) < 0 ? s.startTimeUnixNano : min),
    root?.startTimeUnixNano ?? '0',
  );
  const end = spans.reduce(
    (max, s) => (compareNanos(s.endTimeUnixNano, max) > 0 ? s.endTimeUnixNano : max),
    '0',
  );
  return {
    traceId,
    name: root?.name ?? '',
    services: [...new Set(spans.map((span) => span.service))],
    spanCount: spans.length,
    durationMs: Number(BigInt(end) - BigInt(start)) / 1e6,
    startTime: new Date(Number(BigInt(start) / 1_000_000n)).toISOString(),
  };
}

function compareNanos(a: string, b: string): number {
  const diff = BigInt(a) - BigInt(b);
  return diff === 0n ? 0 : diff < 0n ? -1 : 1;
}
