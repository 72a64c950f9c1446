import { loadConfig } from '@shoestring/infra/config';
import {
  alertPromql,
  dashboardPromql,
  emfMetricSelectors,
  loadGrafanaDashboards,
  type PromqlUse,
  prometheusAlertRules,
} from '@shoestring/infra/observability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryPrometheus } from '../../src/observe/prometheus-query.ts';
import type { StoredSpan } from '../../src/observe/trace-store.ts';
import { driveShopTraffic, type TrackedOrder } from './shop-traffic.ts';
import { startTwoServiceSystem, type TwoServiceSystem } from './two-service-system.ts';

const SERVER = 2;
const CLIENT = 3;

async function eventually<T>(
  read: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (last !== undefined) return last;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const isPg = (span: StoredSpan) =>
  span.attributes['db.system'] === 'postgresql' || span.attributes['db.system.name'] === 'postgresql';

describe('shoestring dev --observe, two services behind the local gateway', () => {
  let system: TwoServiceSystem;
  let tracked: TrackedOrder;

  beforeAll(async () => {
    // GIVEN catalog and orders as separate processes, exporting to the receiver, scraped by a real Prometheus
    system = await startTwoServiceSystem();
    // WHEN a few seconds of shop traffic go through the gateway
    tracked = await driveShopTraffic(system, 6_000);
  }, 180_000);
  afterAll(() => system?.stop(), 60_000);

  it('answers every PromQL expression of the Grafana dashboards and the alert rules with data', async () => {
    const config = await loadConfig('dev');
    const uses: PromqlUse[] = [
      ...dashboardPromql(loadGrafanaDashboards()),
      ...alertPromql(prometheusAlertRules(config.observability.alarms)),
    ];
    expect(uses.length).toBeGreaterThanOrEqual(20);
    const prometheusUrl = system.observe.prometheus?.url ?? '';
    const empty: string[] = [];
    for (const use of uses) {
      const hasNumbers = async () => {
        const samples = await queryPrometheus(prometheusUrl, use.expr);
        return samples.some((sample) => Number.isFinite(Number(sample.value[1]))) ? samples : undefined;
      };
      await eventually(hasNumbers, use.source, 15_000).catch(() => empty.push(`${use.source}: ${use.expr}`));
    }
    expect(empty, 'PromQL returning no data').toEqual([]);
  });

  it('loads the alert rules into Prometheus as AMP gets them, all healthy', async () => {
    const response = await fetch(`${system.observe.prometheus?.url}/api/v1/rules`);
    const body = (await response.json()) as {
      data: { groups: { rules: { name: string; health: string }[] }[] };
    };
    const rules = body.data.groups.flatMap((group) => group.rules);
    expect(rules.map((rule) => rule.name)).toEqual([
      'ShoestringHigh5xxRate',
      'ShoestringHighP99Latency',
      'ShoestringNoHealthyTasks',
      'ShoestringPoolSaturated',
    ]);
    expect(new Set(rules.map((rule) => rule.health))).toEqual(new Set(['ok']));
  });

  it('traces POST /api/orders as one trace: HTTP span, the call to catalog, catalog serving it, PostgreSQL in both', async () => {
    expect(tracked.status).toBe(201);
    // GIVEN the trace id the orders service logged for our request id
    // (log lines reach stdout in batches, within a quarter second: ADR 0130)
    const ordersLine = () => system.logs('orders').find((entry) => entry.requestId === tracked.requestId);
    await expect.poll(ordersLine).toBeDefined();
    const traceId = String(ordersLine()?.traceId);
    expect(traceId).toMatch(/^[\da-f]{32}$/);
    // WHEN the receiver has every span of it (the batch processors flush every few seconds)
    const spans = await eventually(async () => {
      const response = await fetch(`${system.observe.receiver.url}/traces/${traceId}`);
      if (!response.ok) return undefined;
      const { spans } = (await response.json()) as { spans: StoredSpan[] };
      const complete =
        spans.some((span) => span.service === 'catalog' && span.kind === SERVER) &&
        spans.some((span) => span.service === 'catalog' && isPg(span)) &&
        spans.some((span) => span.service === 'orders' && isPg(span));
      return complete ? spans : undefined;
    }, `the spans of trace ${traceId}`);
    // THEN it holds the inbound HTTP span of POST /orders in orders
    const inbound = spans.find((span) => span.service === 'orders' && span.kind === SERVER);
    expect(inbound?.attributes['http.route']).toBe('/orders');
    expect(inbound?.attributes['http.request.method'] ?? inbound?.attributes['http.method']).toBe('POST');
    // AND the module call: an HTTP client span in orders to catalog, parent of catalog's server span
    const calls = spans.filter((span) => span.service === 'orders' && span.kind === CLIENT);
    const served = spans.filter((span) => span.service === 'catalog' && span.kind === SERVER);
    expect(calls.length).toBeGreaterThan(0);
    expect(served.some((span) => calls.some((call) => call.spanId === span.parentSpanId))).toBe(true);
    expect(served.map((span) => span.attributes['http.route'])).toContain(
      '/internal/catalog/reservations/:id',
    );
    // AND PostgreSQL spans in both services, all in this one trace
    expect(new Set(spans.filter(isPg).map((span) => span.service))).toEqual(new Set(['orders', 'catalog']));
    expect(new Set(spans.map((span) => span.traceId))).toEqual(new Set([traceId]));
  });

  it("writes the request's log lines with the same trace id, in both services", async () => {
    await expect
      .poll(() => system.logs('catalog').some((entry) => entry.requestId === tracked.requestId))
      .toBe(true);
    const ordersLines = system.logs('orders').filter((entry) => entry.requestId === tracked.requestId);
    // One line per answered request (ADR 0130), plus any the handler writes.
    expect(ordersLines.length).toBeGreaterThanOrEqual(1);
    const traceId = ordersLines[0]?.traceId;
    expect(new Set(ordersLines.map((entry) => entry.traceId))).toEqual(new Set([traceId]));
    const catalogLines = system.logs('catalog').filter((entry) => entry.traceId === traceId);
    expect(catalogLines.length).toBeGreaterThan(0);
    expect(new Set(catalogLines.map((entry) => entry.requestId))).toEqual(new Set([tracked.requestId]));
  });

  it('exports a metric for every name the cloudwatch collector turns into CloudWatch metrics', async () => {
    const exposition = await (await fetch(`${system.orders.origin}/metrics`)).text();
    const names = new Set([...exposition.matchAll(/^# TYPE (\w+) /gm)].map((match) => match[1] as string));
    const unmatched = emfMetricSelectors().filter(
      (selector) => ![...names].some((name) => selector.test(name)),
    );
    expect(unmatched.map(String)).toEqual([]);
  });
});
