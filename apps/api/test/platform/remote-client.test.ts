import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type AppError,
  defineError,
  errorFactories,
  UpstreamUnavailableError,
} from '../../src/platform/errors.ts';
import { createRemoteClient } from '../../src/platform/remote-client.ts';

const WidgetGoneError = defineError('WidgetGoneError', 'WIDGETS_GONE', 410, 'Widget gone');
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A real HTTP server answering with `answers` in turn (the last one repeats); returns the requests it saw. */
async function serve(answers: { status: number; body?: unknown; delayMs?: number }[]) {
  const seen: IncomingMessage[] = [];
  server = createServer((request, response) => {
    const answer = answers[Math.min(seen.length, answers.length - 1)]!;
    seen.push(request);
    setTimeout(() => {
      const type = answer.status >= 400 ? 'application/problem+json' : 'application/json';
      response.writeHead(answer.status, { 'content-type': type }).end(JSON.stringify(answer.body ?? {}));
    }, answer.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const call = createRemoteClient({
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    module: 'widgets',
    errors: errorFactories([WidgetGoneError]),
    timeoutMs: 200,
  });
  return { call, seen };
}

describe('remote module client', () => {
  it('retries an idempotent call after 503s and returns the answer', async () => {
    const { call, seen } = await serve([{ status: 503 }, { status: 503 }, { status: 200, body: { ok: 1 } }]);
    expect(await call({ method: 'GET', path: '/w', idempotent: true })).toEqual({ ok: 1 });
    expect(seen).toHaveLength(3);
  });

  it('never retries a non-idempotent call', async () => {
    const { call, seen } = await serve([{ status: 503, body: { code: 'X', detail: 'busy' } }]);
    await expect(call({ method: 'POST', path: '/w', body: {}, idempotent: false })).rejects.toBeInstanceOf(
      UpstreamUnavailableError,
    );
    expect(seen).toHaveLength(1);
  });

  it('gives up after the timeout per attempt with UPSTREAM_UNAVAILABLE', async () => {
    const { call, seen } = await serve([{ status: 200, delayMs: 1000 }]);
    const error = await call({ method: 'GET', path: '/slow', idempotent: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect((error as AppError).detail).toMatch(/widgets module .* did not answer GET \/slow \(TimeoutError/);
    expect(seen).toHaveLength(3);
  });

  it('turns a known problem code back into the same typed error, and a foreign 4xx into an AppError', async () => {
    const gone = await serve([{ status: 410, body: { code: 'WIDGETS_GONE', detail: 'widget 7 is gone' } }]);
    const error = await gone.call({ method: 'GET', path: '/w/7', idempotent: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WidgetGoneError);
    expect(error).toMatchObject({
      code: 'WIDGETS_GONE',
      status: 410,
      detail: 'widget 7 is gone',
      name: 'WidgetGoneError',
    });
    await new Promise<void>((resolve) => server!.close(() => resolve()));

    const invalid = await serve([{ status: 400, body: { code: 'VALIDATION_FAILED', detail: 'bad' } }]);
    const other = await invalid
      .call({ method: 'GET', path: '/w', idempotent: true })
      .catch((e: unknown) => e);
    expect(other).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
  });

  it('reports an unreachable module as UPSTREAM_UNAVAILABLE', async () => {
    const call = createRemoteClient({
      baseUrl: 'http://127.0.0.1:1',
      module: 'widgets',
      errors: {},
      timeoutMs: 200,
    });
    await expect(call({ method: 'GET', path: '/w', idempotent: true })).rejects.toBeInstanceOf(
      UpstreamUnavailableError,
    );
  });
});
