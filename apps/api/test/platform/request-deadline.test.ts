import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { RequestCompletion } from '../../src/platform/logger.ts';
import { problemPlugin } from '../../src/platform/problem.ts';
import { requestDeadlinePlugin } from '../../src/platform/request-deadline.ts';

async function appWithDeadline(timeoutMs: number) {
  const completion = new RequestCompletion();
  // Fastify reports completed requests to the log controller only when the app has a logger, as the API always has.
  const app = Fastify({ logger: { level: 'silent' }, logController: completion });
  await app.register(problemPlugin);
  await app.register(requestDeadlinePlugin, { timeoutMs, completion });
  app.get('/wait/:ms', async (request) => {
    await sleep(Number((request.params as { ms: string }).ms));
    return { ok: true };
  });
  return app;
}

describe('the request deadline', () => {
  it('answers only the requests still waiting at their deadline, among many answered in time', async () => {
    const app = await appWithDeadline(200);
    try {
      const started = performance.now();
      const slow = [0, 1].map(() =>
        app.inject({ url: '/wait/1000' }).then((r) => [r, performance.now() - started] as const),
      );
      const quick = await Promise.all(
        Array.from({ length: 50 }, (_, i) => app.inject({ url: `/wait/${i % 5}` })),
      );
      await sleep(250);
      const late = await app.inject({ url: '/wait/600' });
      for (const response of quick) expect(response.statusCode).toBe(200);
      for (const [response, elapsed] of await Promise.all(slow)) {
        expect(response.statusCode).toBe(503);
        expect(response.json()).toMatchObject({ code: 'REQUEST_TIMEOUT' });
        // Due at 200 ms: well before the handler's own second.
        expect(elapsed).toBeGreaterThanOrEqual(195);
        expect(elapsed).toBeLessThan(900);
      }
      // A request arriving after the others were answered gets its own deadline too.
      expect(late.statusCode).toBe(503);
    } finally {
      await app.close();
    }
  });
});

describe('the request completion', () => {
  it('clears the deadline of every answered request, so no timer is left waiting', async () => {
    const app = await appWithDeadline(10_000);
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    try {
      await app.ready();
      const before = timers();
      const waiting = Array.from({ length: 20 }, () => app.inject({ url: '/wait/50' }));
      await sleep(20);
      expect(timers()).toBeGreaterThanOrEqual(before + 20);
      const responses = await Promise.all(waiting);
      expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
      expect(timers()).toBe(before);
    } finally {
      await app.close();
    }
  });
});
