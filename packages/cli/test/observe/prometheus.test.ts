import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalPrometheus, startLocalPrometheus } from '../../src/observe/prometheus.ts';
import { queryPrometheus } from '../../src/observe/prometheus-query.ts';

const RULES = `groups:
  - name: test
    rules:
      - alert: AlwaysFiring
        expr: vector(1) > 0
`;

/** Waits for a query to return at least one series (Prometheus needs a scrape or two first). */
async function eventually(prometheus: LocalPrometheus, expr: string) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const result = await queryPrometheus(prometheus.url, expr);
    if (result.length > 0) return result;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${expr} returned no data`);
}

describe('a local Prometheus of our own', () => {
  let exporter: Server;
  let prometheus: LocalPrometheus;
  const dir = mkdtempSync('/tmp/shoestring-prometheus-test-');

  beforeAll(async () => {
    // GIVEN a process exposing a counter in the Prometheus text format
    exporter = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      response.end('# TYPE shop_things_total counter\nshop_things_total 42\n');
    });
    await new Promise<void>((resolve) => exporter.listen(0, '127.0.0.1', resolve));
    // WHEN Prometheus is started against it with a rule file
    prometheus = await startLocalPrometheus({
      dir,
      targets: [
        { service: 'catalog', origin: `http://127.0.0.1:${(exporter.address() as AddressInfo).port}` },
      ],
      rules: RULES,
      scrapeInterval: '1s',
    });
  });
  afterAll(async () => {
    await prometheus?.stop();
    exporter?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('scrapes the target as job "api" with its service label', async () => {
    const [sample] = await eventually(prometheus, 'shop_things_total');
    expect(sample?.metric).toMatchObject({ job: 'api', service: 'catalog', __name__: 'shop_things_total' });
    expect(sample?.value[1]).toBe('42');
  });

  it('loads and evaluates the rule file', async () => {
    const [alert] = await eventually(prometheus, 'ALERTS{alertname="AlwaysFiring"}');
    expect(alert?.metric.alertstate).toMatch(/pending|firing/);
  });

  it("reports a PromQL error with Prometheus' message", async () => {
    await expect(queryPrometheus(prometheus.url, 'sum(')).rejects.toThrow(
      /PromQL sum\( failed: .*parse error/,
    );
  });
});
