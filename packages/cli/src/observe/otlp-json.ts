import type { StoredSpan } from './trace-store.ts';

/** OTLP/JSON `AnyValue`: https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding */
interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
}

interface KeyValue {
  key: string;
  value?: AnyValue;
}

interface OtlpSpan {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name?: string;
  kind?: number;
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
  status?: { code?: number };
  attributes?: KeyValue[];
}

/** The body of `POST /v1/traces` in the OTLP/HTTP JSON encoding. */
export interface ExportTraceServiceRequest {
  resourceSpans?: {
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: { spans?: OtlpSpan[] }[];
  }[];
}

export class OtlpFormatError extends Error {}

/** Flattens an OTLP/JSON export request into spans; trace and span ids stay lowercase hex, as OTLP/JSON sends them. */
export function spansFromOtlpJson(body: unknown): StoredSpan[] {
  if (
    typeof body !== 'object' ||
    body === null ||
    !Array.isArray((body as ExportTraceServiceRequest).resourceSpans)
  ) {
    throw new OtlpFormatError('expected an OTLP/JSON ExportTraceServiceRequest with a "resourceSpans" array');
  }
  return ((body as ExportTraceServiceRequest).resourceSpans ?? []).flatMap((resourceSpans) => {
    const service = String(flatten(resourceSpans.resource?.attributes)['service.name'] ?? 'unknown');
    return (resourceSpans.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => toStoredSpan(span, service)),
    );
  });
}

function toStoredSpan(span: OtlpSpan, service: string): StoredSpan {
  if (!span.traceId || !span.spanId)
    throw new OtlpFormatError(`span "${span.name ?? '?'}" has no traceId or spanId`);
  return {
    traceId: span.traceId.toLowerCase(),
    spanId: span.spanId.toLowerCase(),
    parentSpanId: (span.parentSpanId ?? '').toLowerCase(),
    name: span.name ?? '',
    kind: span.kind ?? 0,
    service,
    startTimeUnixNano: String(span.startTimeUnixNano ?? 0),
    endTimeUnixNano: String(span.endTimeUnixNano ?? 0),
    statusCode: span.status?.code ?? 0,
    attributes: flatten(span.attributes),
  };
}

function flatten(list: KeyValue[] = []): Record<string, unknown> {
  return Object.fromEntries(list.map(({ key, value }) => [key, plainValue(value)]));
}

function plainValue(value: AnyValue | undefined): unknown {
  if (!value) return undefined;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(plainValue);
  if (value.intValue !== undefined) return Number(value.intValue);
  return value.stringValue ?? value.boolValue ?? value.doubleValue;
}
