import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { OtlpFormatError, spansFromOtlpJson } from './otlp-json.ts';
import { TraceStore } from './trace-store.ts';

export interface OtlpReceiver {
  /** Base URL for `OTEL_EXPORTER_OTLP_ENDPOINT` (the API posts to `<url>/v1/traces`). */
  readonly url: string;
  readonly store: TraceStore;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 8 * 1024 * 1024;
const gunzipAsync = promisify(gunzip);

/**
 * The local stand-in for the ADOT sidecar's OTLP/HTTP receiver: accepts `POST /v1/traces` in the JSON encoding
 * (what the API's exporter-trace-otlp-http sends) and serves what it keeps:
 * `GET /traces?name=&limit=` lists recent traces, newest first; `GET /traces/<traceId>` returns one trace's spans.
 */
export async function startOtlpReceiver(
  options: { host?: string; port?: number; maxTraces?: number } = {},
): Promise<OtlpReceiver> {
  const store = new TraceStore(options.maxTraces);
  const server = createServer((request, response) => {
    route(request, response, store).catch((error: Error) =>
      sendJson(response, 500, { error: error.message }),
    );
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}`,
    store,
    stop: () => closeServer(server),
  };
}

async function route(request: IncomingMessage, response: ServerResponse, store: TraceStore): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://receiver');
  if (request.method === 'POST' && url.pathname === '/v1/traces') return receive(request, response, store);
  if (request.method === 'GET' && url.pathname === '/traces') {
    const limit = Number(url.searchParams.get('limit') ?? 50);
    const name = url.searchParams.get('name') ?? undefined;
    return sendJson(response, 200, {
      traces: store.list({ name, limit: Number.isFinite(limit) ? limit : 50 }),
    });
  }
  const one = /^\/traces\/([\da-f]{32})$/i.exec(url.pathname);
  if (request.method === 'GET' && one?.[1]) {
    const spans = store.get(one[1].toLowerCase());
    return spans
      ? sendJson(response, 200, { traceId: one[1].toLowerCase(), spans })
      : sendJson(response, 404, { error: `no trace ${one[1]} among the recent traces` });
  }
  sendJson(response, 404, { error: 'POST /v1/traces, GET /traces or GET /traces/<traceId>' });
}

async function receive(request: IncomingMessage, response: ServerResponse, store: TraceStore): Promise<void> {
  const type = request.headers['content-type'] ?? '';
  if (!type.startsWith('application/json')) {
    await drain(request);
    return sendJson(response, 415, {
      error: `this local receiver accepts OTLP/HTTP JSON only (got "${type}"); use @opentelemetry/exporter-trace-otlp-http`,
    });
  }
  let body = await readBody(request);
  if (request.headers['content-encoding'] === 'gzip') body = await gunzipAsync(body);
  try {
    store.add(spansFromOtlpJson(JSON.parse(body.toString('utf8'))));
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof OtlpFormatError) {
      return sendJson(response, 400, { error: `not an OTLP/JSON trace export: ${error.message}` });
    }
    throw error;
  }
  sendJson(response, 200, { partialSuccess: {} });
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`OTLP export larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function drain(request: IncomingMessage): Promise<void> {
  for await (const _chunk of request);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
