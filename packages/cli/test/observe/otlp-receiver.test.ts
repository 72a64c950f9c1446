import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OtlpReceiver, startOtlpReceiver } from '../../src/observe/otlp-receiver.ts';

const TRACE = '0af7651916cd43dd8448eb211c80319c';

/** An OTLP/JSON export as @opentelemetry/exporter-trace-otlp-http sends it: one server span, one child. */
function exportRequest(
  service: string,
  spans: { spanId: string; parent?: string; name: string; start: number }[],
) {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
        scopeSpans: [
          {
            scope: { name: 'test' },
            spans: spans.map((span) => ({
              traceId: TRACE,
              spanId: span.spanId,
              ...(span.parent ? { parentSpanId: span.parent } : {}),
              name: span.name,
              kind: span.parent ? 3 : 2,
              startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(span.start) * 1_000_000n),
              endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(span.start + 5) * 1_000_000n),
              attributes: [
                { key: 'http.route', value: { stringValue: '/orders' } },
                { key: 'http.status_code', value: { intValue: '201' } },
              ],
              status: { code: 0 },
            })),
          },
        ],
      },
    ],
  };
}

async function post(receiver: OtlpReceiver, body: string | Buffer, headers: Record<string, string>) {
  return fetch(`${receiver.url}/v1/traces`, { method: 'POST', body, headers });
}

describe('the local OTLP/HTTP receiver', () => {
  let receiver: OtlpReceiver;
  beforeAll(async () => {
    receiver = await startOtlpReceiver({ maxTraces: 2 });
  });
  afterAll(() => receiver.stop());

  it('keeps spans posted as JSON (plain and gzipped) and serves one trace across services, by start time', async () => {
    // GIVEN spans of one trace from two services, the second batch gzipped
    const orders = exportRequest('orders', [{ spanId: 'aaaaaaaaaaaaaaaa', name: 'POST /orders', start: 0 }]);
    const catalog = exportRequest('catalog', [
      { spanId: 'bbbbbbbbbbbbbbbb', parent: 'aaaaaaaaaaaaaaaa', name: 'POST', start: 2 },
    ]);
    // WHEN they are exported
    const first = await post(receiver, JSON.stringify(orders), { 'content-type': 'application/json' });
    const second = await post(receiver, gzipSync(JSON.stringify(catalog)), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    // THEN both are accepted and the trace lists both services, root first
    expect([first.status, second.status]).toEqual([200, 200]);
    const trace = (await (await fetch(`${receiver.url}/traces/${TRACE}`)).json()) as {
      spans: { service: string; name: string; attributes: Record<string, unknown> }[];
    };
    expect(trace.spans.map((span) => [span.service, span.name])).toEqual([
      ['orders', 'POST /orders'],
      ['catalog', 'POST'],
    ]);
    expect(trace.spans[0]?.attributes).toEqual({ 'http.route': '/orders', 'http.status_code': 201 });
    const list = (await (await fetch(`${receiver.url}/traces?name=POST%20/orders`)).json()) as {
      traces: { traceId: string; services: string[]; spanCount: number; durationMs: number }[];
    };
    expect(list.traces).toEqual([
      expect.objectContaining({
        traceId: TRACE,
        services: ['orders', 'catalog'],
        spanCount: 2,
        durationMs: 7,
      }),
    ]);
  });

  it('answers protobuf with 415 and a fix, and malformed JSON with 400', async () => {
    const protobuf = await post(receiver, Buffer.from([0x0a, 0x00]), {
      'content-type': 'application/x-protobuf',
    });
    expect(protobuf.status).toBe(415);
    expect(await protobuf.text()).toContain('OTLP/HTTP JSON only');
    const malformed = await post(receiver, '{"resourceSpans": 3}', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);
  });

  it('keeps only the most recent traces', async () => {
    for (const id of ['1', '2', '3']) {
      const request = exportRequest('orders', [{ spanId: id.repeat(16), name: `GET /${id}`, start: 0 }]);
      request.resourceSpans[0]!.scopeSpans[0]!.spans[0]!.traceId = id.repeat(32);
      await post(receiver, JSON.stringify(request), { 'content-type': 'application/json' });
    }
    const list = (await (await fetch(`${receiver.url}/traces`)).json()) as { traces: { traceId: string }[] };
    expect(list.traces.map((trace) => trace.traceId)).toEqual(['3'.repeat(32), '2'.repeat(32)]);
    expect((await fetch(`${receiver.url}/traces/${TRACE}`)).status).toBe(404);
  });
});
