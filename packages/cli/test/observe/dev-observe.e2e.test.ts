import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryPrometheus } from '../../src/observe/prometheus-query.ts';
import { type CliRun, startDev } from '../dev/run-cli.ts';

/** PIDs of processes whose command line names `dir` (our Prometheus takes its config and data from there). */
async function processesNaming(dir: string, program: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.startsWith(program) && cmdline.includes(dir)) pids.push(Number(entry));
  }
  return pids;
}

const urlAfter = (output: string, label: string) =>
  new RegExp(`${label}: (http://127\\.0\\.0\\.1:\\d+)`).exec(output)?.[1];

describe('npm start -- --observe (shoestring dev --observe)', () => {
  const dataDir = mkdtempSync('/tmp/shoestring-dev-observe-');
  let run: CliRun;
  let gateway: string;

  beforeAll(async () => {
    // GIVEN the dev command with --observe on free ports
    const dev = startDev(dataDir, ['--observe']);
    run = dev.run;
    gateway = await dev.url;
  }, 180_000);
  afterAll(async () => {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints where the traces and the metrics are', () => {
    expect(urlAfter(run.output(), 'traces')).toBeDefined();
    expect(urlAfter(run.output(), 'metrics')).toBeDefined();
  });

  it("exports a request's trace to the receiver under the trace id of its log lines, and Prometheus scrapes the API", async () => {
    // WHEN a request goes through the gateway
    const response = await fetch(`${gateway}/api/catalog/products`, {
      headers: { 'x-request-id': 'observe-e2e-1' },
    });
    expect(response.status).toBe(200);
    // THEN its log line names a trace the receiver gets within the batch delay
    const logs = readFileSync(join(dataDir, 'logs', 'api.log'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('{'));
    const traceId = logs
      .map((l) => JSON.parse(l))
      .find((entry) => entry.requestId === 'observe-e2e-1')?.traceId;
    expect(traceId).toMatch(/^[\da-f]{32}$/);
    const receiver = urlAfter(run.output(), 'traces');
    let status = 0;
    for (let attempt = 0; attempt < 40 && status !== 200; attempt++) {
      status = (await fetch(`${receiver}/traces/${traceId}`)).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(status).toBe(200);
    // AND Prometheus has the API as an up target of job "api"
    const [up] = await queryPrometheus(
      urlAfter(run.output(), 'metrics') ?? '',
      'up{job="api",service="api"}',
    );
    expect(up?.value[1]).toBe('1');
  });

  it('stops Prometheus with everything else on Ctrl-C', async () => {
    expect(await processesNaming(dataDir, 'prometheus')).not.toEqual([]);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(await processesNaming(dataDir, 'prometheus')).toEqual([]);
  });
});
