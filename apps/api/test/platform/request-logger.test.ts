import { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createLogger, RequestCompletion, requestLoggingOptions } from '../../src/platform/logger.ts';

/** A Fastify app with the API's logger and request logging options, and the lines it wrote (parsed, unparsed). */
function loggingApp(level = 'info', completion = new RequestCompletion()) {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      raw.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger(level, stream);
  let children = 0;
  const child = logger.child;
  logger.child = function (this: typeof logger, ...args: Parameters<typeof child>) {
    children++;
    return Reflect.apply(child, this, args);
  } as typeof child;
  const app = Fastify({ loggerInstance: logger as FastifyBaseLogger, ...requestLoggingOptions(completion) });
  return { app, raw, lines: () => raw.map((line) => JSON.parse(line)), children: () => children };
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const headers = { 'x-request-id': 'req-1', traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` };

describe('the request logger', () => {
  it('writes the request line with its ids and makes no child logger when nothing else logs', async () => {
    const t = loggingApp();
    t.app.get('/quiet', async (request) => {
      request.log.debug('dropped at info');
      return { ok: true };
    });
    await t.app.ready();
    const before = t.children();
    await t.app.inject({ url: '/quiet', headers });
    expect(t.lines()).toEqual([
      expect.objectContaining({
        requestId: 'req-1',
        traceId: TRACE_ID,
        msg: 'request completed',
        statusCode: 200,
      }),
    ]);
    expect(t.children() - before).toBe(0);
  });

  it('gives a line logged during the request the same ids, each field once', async () => {
    const t = loggingApp();
    t.app.get('/chatty', async (request) => {
      request.log.warn({ reason: 'slow' }, 'something to see');
      return { ok: true };
    });
    await t.app.ready();
    const before = t.children();
    await t.app.inject({ url: '/chatty', headers });
    expect(t.lines()).toEqual([
      expect.objectContaining({
        requestId: 'req-1',
        traceId: TRACE_ID,
        reason: 'slow',
        msg: 'something to see',
      }),
      expect.objectContaining({ requestId: 'req-1', traceId: TRACE_ID, msg: 'request completed' }),
    ]);
    for (const line of t.raw) expect(line.match(/"requestId"/g)).toHaveLength(1);
    expect(t.children() - before).toBe(1);
  });

  it("keeps a route's log level: a warn route writes no request line, but its warnings", async () => {
    const t = loggingApp();
    t.app.get('/scraped', { logLevel: 'warn' }, async (request) => {
      request.log.info('not at warn');
      request.log.warn('at warn');
      return { ok: true };
    });
    await t.app.inject({ url: '/scraped', headers });
    expect(t.lines()).toEqual([
      expect.objectContaining({ level: 'warn', msg: 'at warn', requestId: 'req-1' }),
    ]);
  });

  it('writes a failed request: the error with the request ids, then the request line with its status', async () => {
    const t = loggingApp();
    t.app.get('/broken', async () => {
      throw new Error('boom');
    });
    await t.app.inject({ url: '/broken', headers });
    expect(t.lines()).toEqual([
      expect.objectContaining({
        level: 'error',
        requestId: 'req-1',
        traceId: TRACE_ID,
        err: expect.objectContaining({ message: 'boom' }),
      }),
      expect.objectContaining({
        level: 'info',
        requestId: 'req-1',
        msg: 'request completed',
        statusCode: 500,
      }),
    ]);
  });

  it('writes the request line pino would write for the same fields, key for key, with hostile URLs escaped', async () => {
    const t = loggingApp();
    t.app.get('/echo/*', async (_request, reply) => reply.code(404).send({}));
    const url = '/echo/%22quoted%22/\u00e9?q="x"&t=\\';
    await t.app.inject({ url, headers });
    const [fast] = t.lines();
    expect(fast).toMatchObject({ route: '/echo/*', statusCode: 404 });
    expect(fast.url).toContain('\\');
    // The same line through pino's generic path, on a logger with the same bindings:
    const direct = loggingApp();
    direct.app.log.info(
      {
        requestId: fast.requestId,
        traceId: fast.traceId,
        method: fast.method,
        url: fast.url,
        route: fast.route,
        statusCode: fast.statusCode,
        durationMs: fast.durationMs,
      },
      'request completed',
    );
    const [viaPino] = direct.lines();
    expect(Object.keys(fast)).toEqual(Object.keys(viaPino));
    expect({ ...fast, time: 0 }).toEqual({ ...viaPino, time: 0 });
  });

  it('runs the completion observers with the route pattern before the line, and a failing one stops neither', async () => {
    const completion = new RequestCompletion();
    const seen: string[] = [];
    completion.observe(() => {
      throw new Error('observer broke');
    });
    completion.observe((request, reply, route) =>
      seen.push(`${request.method} ${route} ${reply.statusCode}`),
    );
    const t = loggingApp('info', completion);
    t.app.get('/items/:id', async () => ({ ok: true }));
    const response = await t.app.inject({ url: '/items/7', headers });
    await t.app.inject({ url: '/nowhere', headers });
    expect(response.statusCode).toBe(200);
    expect(seen).toEqual(['GET /items/:id 200', 'GET unmatched 404']);
    // (Fastify's own 404 handler also logs a "not found" line.)
    expect(t.lines().filter((line) => !String(line.msg).includes('not found'))).toEqual([
      expect.objectContaining({
        level: 'error',
        requestId: 'req-1',
        err: expect.objectContaining({ message: 'observer broke' }),
      }),
      expect.objectContaining({ msg: 'request completed', route: '/items/:id', url: '/items/7' }),
      expect.objectContaining({ level: 'error', msg: 'request completion observer failed' }),
      expect.objectContaining({ msg: 'request completed', route: 'unmatched', statusCode: 404 }),
    ]);
  });
});
