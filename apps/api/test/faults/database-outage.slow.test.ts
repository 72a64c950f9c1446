import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MigratedPostgres, startMigratedPostgres } from '../../../../bench/harness/postgres.ts';
import { type SeededShop, seedShop } from '../../../../bench/harness/seed.ts';
import { type ServerProcess, startApiProcess } from '../../../../bench/harness/server-process.ts';
import {
  describeOutcomes,
  isProblemJson,
  type Outcome,
  probe,
  runWorkers,
  stopSwitch,
  timedFetch,
} from './helpers/load.ts';
import { orderBody } from './helpers/shop-requests.ts';

const REQUEST_TIMEOUT_MS = 3000;
const OUTAGE_MS = 5000;
const RECOVERY_LIMIT_MS = 5000;
// A response later than the request timeout plus scheduling slack on a busy machine counts as a hang.
const HANG_MS = REQUEST_TIMEOUT_MS + 1500;

let db: MigratedPostgres;
let api: ServerProcess;
let shop: SeededShop;

beforeAll(async () => {
  db = await startMigratedPostgres();
  shop = await seedShop(db.url, { products: 20, customers: 5 });
  api = await startApiProcess({
    build: 'source',
    databaseUrl: db.url,
    env: { REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS), DB_STATEMENT_TIMEOUT_MS: '2000' },
  });
}, 180_000);

afterAll(async () => {
  // A crash is the likeliest failure here; its stack is in the API's output.
  if (api && api.child.exitCode !== null)
    console.error(`The API exited (${api.child.exitCode}):\n${api.output()}`);
  await api?.stop('SIGKILL');
  await db?.destroy();
});

interface Acknowledged {
  readonly key: string;
  readonly orderId: string;
}

describe.skipIf(!process.env.FAULTS)('PostgreSQL stops for 5 s under load', () => {
  it('answers 503 problem+json in time, fails /ready, recovers without a restart, and loses no order', async () => {
    const load = stopSwitch();
    const outcomes: Outcome[] = [];
    const acknowledged: Acknowledged[] = [];
    const keysSent = new Set<string>();
    // Each worker places orders like a careful client: one Idempotency-Key per order, retried until acknowledged.
    const orders = runWorkers(4, async () => {
      while (load.running) {
        const key = randomUUID();
        const body = orderBody(shop);
        keysSent.add(key);
        for (let acked = false; !acked && load.running; ) {
          const outcome = await timedFetch({
            label: 'POST order',
            url: `${api.url}/orders`,
            init: {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'idempotency-key': key },
              body,
            },
            timeoutMs: HANG_MS + 5000,
          });
          outcomes.push(outcome);
          acked = outcome.status === 201 || outcome.status === 200;
          if (acked) acknowledged.push({ key, orderId: JSON.parse(outcome.body!).id });
          else await sleep(100);
        }
      }
    });
    const reads = runWorkers(2, async () => {
      while (load.running) {
        const id = shop.productIds[outcomes.length % shop.productIds.length];
        outcomes.push(
          await timedFetch({
            label: 'GET product',
            url: `${api.url}/catalog/products/${id}`,
            timeoutMs: HANG_MS + 5000,
          }),
        );
      }
    });
    const ready = probe(`${api.url}/ready`, () => load.running);

    await sleep(1500);
    const outageStart = performance.now();
    await db.stop();
    await sleep(OUTAGE_MS);
    const outageEnd = performance.now();
    await db.restart();
    const restartedAt = performance.now();
    const recoveredAt = await firstReadyAfter(api.url, restartedAt);
    await sleep(2000);
    load.stop();
    await Promise.all([orders, reads]);
    const readyProbes = await ready;

    // No hangs and no 500s: every request answered, within the request timeout.
    const unanswered = outcomes.filter((o) => o.status === undefined || o.ms > HANG_MS);
    expect(unanswered, describeOutcomes(unanswered)).toEqual([]);
    const wrong = outcomes.filter(
      (o) => o.status !== 200 && o.status !== 201 && !(o.status === 503 && isProblemJson(o)),
    );
    expect(wrong, describeOutcomes(wrong)).toEqual([]);
    const during = outcomes.filter((o) => o.sentAt > outageStart + 500 && o.sentAt + o.ms < outageEnd);
    expect(during.length).toBeGreaterThan(5);
    expect(during.every((o) => o.status === 503)).toBe(true);

    // /ready failed while the database was away and passed again within 5 s of its return, same process.
    const readyDuring = readyProbes.filter((o) => o.sentAt > outageStart + 500 && o.sentAt < outageEnd);
    expect(readyDuring.length).toBeGreaterThan(0);
    expect(readyDuring.every((o) => o.status === 503 && isProblemJson(o))).toBe(true);
    expect(recoveredAt - restartedAt).toBeLessThan(RECOVERY_LIMIT_MS);
    expect(api.child.exitCode).toBeNull();
    const afterRecovery = outcomes.filter((o) => o.sentAt > recoveredAt + 500);
    expect(afterRecovery.length).toBeGreaterThan(5);
    expect(
      afterRecovery.filter((o) => o.status! >= 300),
      describeOutcomes(afterRecovery),
    ).toEqual([]);

    await expectEveryAcknowledgedOrderOnce(acknowledged, keysSent);
  });
});

async function firstReadyAfter(baseUrl: string, since: number): Promise<number> {
  while (performance.now() - since < RECOVERY_LIMIT_MS * 3) {
    const outcome = await timedFetch({ label: 'ready', url: `${baseUrl}/ready`, timeoutMs: 2000 });
    if (outcome.status === 200) return performance.now();
    await sleep(100);
  }
  return Number.POSITIVE_INFINITY;
}

/** None lost (each acknowledged order is a row, with its id), none duplicated (one row per Idempotency-Key). */
async function expectEveryAcknowledgedOrderOnce(
  acknowledged: readonly Acknowledged[],
  keysSent: ReadonlySet<string>,
) {
  const client = new pg.Client({ connectionString: db.current.url });
  await client.connect();
  try {
    const rows = (
      await client.query<{ id: string; idempotency_key: string }>(
        'SELECT id, idempotency_key FROM orders.orders',
      )
    ).rows;
    const byKey = new Map<string, string[]>();
    for (const row of rows)
      byKey.set(row.idempotency_key, [...(byKey.get(row.idempotency_key) ?? []), row.id]);
    expect([...byKey.values()].filter((ids) => ids.length > 1)).toEqual([]);
    expect(rows.every((row) => keysSent.has(row.idempotency_key))).toBe(true);
    const lost = acknowledged.filter((ack) => byKey.get(ack.key)?.[0] !== ack.orderId);
    expect(lost).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(10);
    // Known gap (ADR 0021, 0072): a reservation whose order insert failed in the outage keeps its stock.
    const held = await client.query(
      `SELECT count(*)::int AS n FROM catalog.stock_reservations r
        WHERE released_at IS NULL AND NOT EXISTS (SELECT 1 FROM orders.orders o WHERE o.id = r.id)`,
    );
    console.info(
      `${acknowledged.length} orders acknowledged, ${rows.length} rows; reservations without an order: ${held.rows[0].n}`,
    );
  } finally {
    await client.end();
  }
}
