import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import {
  registerSeriesMetrics,
  SeriesCounter,
  SeriesHistogram,
} from '../../src/platform/series-histogram.ts';

const BUCKETS = [0.005, 0.01, 0.1, 1];
const OBSERVATIONS: [method: string, route: string, status: number, seconds: number][] = [
  ['GET', '/catalog/products/:id', 200, 0.004],
  ['GET', '/catalog/products/:id', 200, 0.05],
  ['GET', '/catalog/products/:id', 404, 0.002],
  ['POST', '/orders', 503, 2.5],
  ['GET', '/catalog/products/:id', 200, 0.01],
  ['GET', 'route "with" \\ quotes', 500, 0.0001],
];

/** The same observations through prom-client's own Histogram and Counters. */
async function viaPromClient(): Promise<string> {
  const registry = new Registry();
  const labelNames = ['method', 'route', 'status_code'];
  const requests = new Counter({ name: 'requests_total', help: 'r', labelNames, registers: [registry] });
  const errors = new Counter({ name: 'errors_total', help: 'e', labelNames, registers: [registry] });
  const duration = new Histogram({
    name: 'duration',
    help: 'd',
    labelNames,
    buckets: BUCKETS,
    registers: [registry],
  });
  for (const [method, route, status, seconds] of OBSERVATIONS) {
    const labels = { method, route, status_code: String(status) };
    requests.inc(labels);
    if (status >= 500) errors.inc(labels);
    duration.observe(labels, seconds);
  }
  return registry.metrics();
}

async function viaSeries(): Promise<string> {
  const registry = new Registry();
  const duration = new SeriesHistogram('duration', 'd', BUCKETS);
  registerSeriesMetrics(registry, [
    new SeriesCounter('requests_total', 'r', duration),
    new SeriesCounter('errors_total', 'e', duration, (series) => Number(series.labels.status_code) >= 500),
    duration,
  ]);
  for (const [method, route, status, seconds] of OBSERVATIONS) {
    const key = `${method} ${route} ${status}`;
    const series =
      duration.seriesAt(key) ?? duration.addSeries(key, { method, route, status_code: String(status) });
    duration.observe(series, seconds);
  }
  return registry.metrics();
}

describe('SeriesHistogram and SeriesCounter', () => {
  it("expose exactly what prom-client's Histogram and Counters expose for the same observations", async () => {
    const expected = await viaPromClient();
    expect(expected).toContain(
      'duration_bucket{le="0.01",method="GET",route="/catalog/products/:id",status_code="200"} 2',
    );
    expect(await viaSeries()).toBe(expected);
  });

  it('count an observation above every bound only in +Inf, and a value on a bound in that bucket', async () => {
    const histogram = new SeriesHistogram('h', 'h', [0.1, 1]);
    const series = histogram.addSeries('', {});
    for (const value of [0.1, 1, 7]) histogram.observe(series, value);
    const { values } = histogram.getForPromString();
    expect(values.map((v) => [v.metricName, v.labels.le ?? null, v.value])).toEqual([
      ['h_bucket', 0.1, 1],
      ['h_bucket', 1, 2],
      ['h_bucket', '+Inf', 3],
      ['h_sum', null, 8.1],
      ['h_count', null, 3],
    ]);
  });
});
