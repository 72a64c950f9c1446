import { cpus, loadavg } from 'node:os';
import { BENCH_CASES, type CaseName } from './cases.ts';
import { type Measurement, round } from './measure.ts';

export interface ComparedRow {
  readonly case: CaseName;
  readonly cpu: number | null;
  readonly api: Measurement;
  readonly baseline: Measurement;
  /** API rps divided by baseline rps: 1.0 means the platform costs nothing. */
  readonly ratio: number;
}

export function compare(measurements: readonly Measurement[]): ComparedRow[] {
  const rows: ComparedRow[] = [];
  for (const api of measurements.filter((m) => m.server === 'api')) {
    const baseline = measurements.find(
      (m) => m.server === 'baseline' && m.case === api.case && m.cpu === api.cpu,
    );
    if (!baseline) continue;
    rows.push({ case: api.case, cpu: api.cpu, api, baseline, ratio: round(api.rps / baseline.rps, 2) });
  }
  return rows;
}

/** Where the numbers came from: they mean little without the machine and its load. */
export function describeMachine() {
  const cores = cpus();
  return {
    cpuModel: cores[0]?.model ?? 'unknown',
    cpuCount: cores.length,
    loadAverage1m: round(loadavg()[0] ?? 0, 2),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

export function summaryTable(rows: readonly ComparedRow[]): string {
  const header = [
    '| case | server CPUs | ours rps | baseline rps | ours/baseline | ours p50 / p99 ms | baseline p50 / p99 ms | failed (ours/baseline) |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
  ];
  const lines = rows.map((row) => {
    const title = BENCH_CASES.find((c) => c.name === row.case)?.title ?? row.case;
    return `| ${title} | ${row.cpu === null ? 'all' : `1 (taskset -c ${row.cpu})`} | ${row.api.rps} | ${row.baseline.rps} | ${row.ratio.toFixed(2)} | ${row.api.p50Ms} / ${row.api.p99Ms} | ${row.baseline.p50Ms} / ${row.baseline.p99Ms} | ${row.api.failed} / ${row.baseline.failed} |`;
  });
  return [...header, ...lines].join('\n');
}
