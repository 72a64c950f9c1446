import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, maskUrlCredentials } from '../../src/platform/logger.ts';
import { buildTestApp, type TestApp, unique } from '../helpers/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

describe('logging', () => {
  it('writes one line per request: method, URL, route, status, duration and problem code, with its request and trace id', async () => {
    const requestId = unique('req');
    const id = randomUUID();
    await t.app.inject({ url: `/catalog/products/${id}`, headers: { 'x-request-id': requestId } });
    const lines = t.logs.filter((line) => line.requestId === requestId);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'request completed',
        method: 'GET',
        url: `/catalog/products/${id}`,
        route: '/catalog/products/:id',
        statusCode: 404,
        durationMs: expect.any(Number),
        code: 'CATALOG_PRODUCT_NOT_FOUND',
        traceId: expect.stringMatching(/^[\da-f]{32}$/),
      }),
    ]);
  });

  it('puts the request id and the caller’s trace id on every line of a request', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const requestId = unique('req');
    await t.app.inject({
      url: '/customers/not-a-uuid',
      headers: { 'x-request-id': requestId, traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    const lines = t.logs.filter((line) => line.requestId === requestId);
    expect(lines.length).toBeGreaterThanOrEqual(1);
    for (const line of lines) expect(line.traceId).toBe(traceId);
  });

  it('makes up a trace id when the caller sent none', async () => {
    const requestId = unique('req');
    await t.app.inject({ url: '/catalog/products', headers: { 'x-request-id': requestId } });
    const lines = t.logs.filter((line) => line.requestId === requestId);
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(new Set(lines.map((line) => line.traceId)).size).toBe(1);
    expect(lines[0]?.traceId).toMatch(/^[\da-f]{32}$/);
  });

  it('never logs authorization headers of a request', async () => {
    const requestId = unique('req');
    await t.app.inject({
      url: '/nope',
      headers: { 'x-request-id': requestId, authorization: 'Bearer top-secret-token' },
    });
    expect(JSON.stringify(t.logs)).not.toContain('top-secret-token');
    await t.app.inject({
      url: '/internal/customers/by-subject/x',
      headers: { 'x-request-id': requestId, 'x-internal-token': 'top-secret-service-token' },
    });
    expect(JSON.stringify(t.logs)).not.toContain('top-secret-service-token');
  });

  it('redacts passwords, secrets and tokens in logged objects, and credentials in URLs', () => {
    const { logger, lines } = capture();
    const logged = {
      password: 'hunter2',
      db: { password: 'pw-nested', user: 'app' },
      config: { database: { password: 'deep-pw' } },
    };
    logger.info(logged, 'x');
    logger.info({ connectionString: 'postgres://app:pw-in-object@db/shop' }, 'y');
    logger.info('connecting to postgres://app:pw-in-message@db:5432/shop');
    class DatabaseError extends Error {}
    logger.error({ err: Object.assign(new DatabaseError('boom'), { secret: 'err-secret' }) }, 'z');
    logger
      .child({ token: 'child-token', module: 'orders' })
      .child({ db: { password: 'grandchild-pw' } })
      .info('c');
    logger.info({
      req: { headers: { 'x-api-key': 'api-key-1' } },
      res: { headers: { 'set-cookie': 'sid=c-1' } },
    });
    const output = lines.join('\n');
    const secrets = ['hunter2', 'pw-nested', 'deep-pw', 'pw-in-object', 'pw-in-message', 'err-secret'];
    for (const secret of [...secrets, 'child-token', 'grandchild-pw', 'api-key-1', 'sid=c-1']) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain('"user":"app"');
    expect(output).toContain('"module":"orders"');
    // Errors keep their class name and message; the logged object itself is left as it was.
    expect(JSON.parse(lines[3]!).err).toMatchObject({ type: 'DatabaseError', message: 'boom' });
    expect(logged.db.password).toBe('pw-nested');
    expect(output).toContain('postgres://app:[REDACTED]@db:5432/shop');
  });

  it('masks credentials in any URL-shaped text', () => {
    expect(maskUrlCredentials('a postgresql://u:p%40ss@h/db b')).toBe('a postgresql://u:[REDACTED]@h/db b');
    expect(maskUrlCredentials('http://example.com/a@b')).toBe('http://example.com/a@b');
  });
});

describe('request ids', () => {
  it('keeps a well-formed X-Request-Id and replaces a malformed or huge one', async () => {
    const kept = unique('req');
    await t.app.inject({ url: '/catalog/products?limit=1', headers: { 'x-request-id': kept } });
    expect(t.logs.some((line) => line.requestId === kept)).toBe(true);

    const huge = 'x'.repeat(5000);
    const forged = 'abc\n{"level":"fatal"}';
    await t.app.inject({ url: '/catalog/products?limit=1', headers: { 'x-request-id': huge } });
    await t.app.inject({ url: '/catalog/products?limit=1', headers: { 'x-request-id': forged } });
    const ids = t.logs.map((line) => String(line.requestId));
    expect(ids).not.toContain(huge);
    expect(ids).not.toContain(forged);
  });
});
