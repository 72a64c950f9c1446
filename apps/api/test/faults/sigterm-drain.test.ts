import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type SeededShop, seedShop } from '../../../../bench/harness/seed.ts';
import { type ServerProcess, startApiProcess } from '../../../../bench/harness/server-process.ts';
import { describeOutcomes, type Outcome, probe, runWorkers, stopSwitch, timedFetch } from './helpers/load.ts';
import { everydayRequest, trickledOrder } from './helpers/shop-requests.ts';

// The cloud uses 60 s; 3 s keeps the test short and still leaves room for callers with stale DNS answers.
const DRAIN_SECONDS = 3;
// The ECS stopTimeout is the drain plus the 10 s request timeout plus 10 s (stopTimeoutSeconds in packages/infra).
const ECS_STOP_TIMEOUT_MS = (DRAIN_SECONDS + 20) * 1000;

let api: ServerProcess;
let shop: SeededShop;

beforeAll(async () => {
  const databaseUrl = inject('databaseUrl');
  shop = await seedShop(databaseUrl, { products: 20, customers: 5 });
  api = await startApiProcess({
    build: 'source',
    databaseUrl,
    env: { DRAIN_SECONDS: String(DRAIN_SECONDS) },
  });
});
afterAll(() => api?.stop('SIGKILL'));

describe('SIGTERM under load with the drain window on', () => {
  it('fails /ready, serves every request through the drain, finishes in-flight ones and exits in time', async () => {
    const load = stopSwitch();
    const outcomes: Outcome[] = [];
    const loadDone = runWorkers(6, async (worker) => {
      for (let turn = worker; load.running; turn++)
        outcomes.push(await timedFetch(everydayRequest(api.url, shop, turn, 5000)));
    });
    await sleep(1000);

    const sigtermAt = performance.now();
    api.child.kill('SIGTERM');
    const readyProbes = probe(`${api.url}/ready`, () => performance.now() - sigtermAt < 1500);
    // Callers with a cached answer keep sending for a while; here they stop 1 s before the window closes.
    await sleep((DRAIN_SECONDS - 1) * 1000);
    load.stop();
    // Sent 0.5 s before the server stops accepting, its body completes 1 s later: in flight across the close.
    await sleep(500);
    const inFlight = trickledOrder(api.url, shop, 1000);
    await loadDone;
    const exit = await api.exited;
    const exitedAfterMs = exit.atMs - sigtermAt;

    const afterSigterm = outcomes.filter((o) => o.sentAt > sigtermAt);
    const failed = outcomes.filter((o) => o.status === undefined || o.status >= 300);
    expect(failed, describeOutcomes(failed)).toEqual([]);
    expect(afterSigterm.length).toBeGreaterThan(10);
    expect((await readyProbes).map((o) => o.status)).toContain(503);
    const trickled = await inFlight;
    expect(trickled.status, trickled.body).toBe(201);

    expect(exit.code, api.output()).toBe(0);
    expect(exitedAfterMs).toBeGreaterThanOrEqual(DRAIN_SECONDS * 1000);
    expect(exitedAfterMs).toBeLessThan(ECS_STOP_TIMEOUT_MS);
    // Prompt, too: closing after the window takes well under the 30 s ECS would still allow.
    expect(exitedAfterMs).toBeLessThan(DRAIN_SECONDS * 1000 + 5000);
  });
});
