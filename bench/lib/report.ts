import { cpus, loadavg } from 'node:os';
import { BENCH_CASES, type CaseName } from './cases.ts';
import { type Measurement, round } from './measure.ts';

export interface ComparedRow {
  readonly case: CaseName;
  readonly cpu: number | null;
  /** The API's median round by rps (its p50 and p99 are that round's). */
  readonly api: Measurement;
  readonly baseline: Measurement;
  /** Median API rps divided by median baseline rps: 1.0 means the platform costs nothing. */
  readonly ratio: number;
  /** Every round's rps, to show the spread. */
  readonly roundsRps: { readonly api: number[]; readonly baseline: number[] };
}

export function compare(measurements: readonly Measurement[]): ComparedRow[] {
  const rows: ComparedRow[] = [];
  const keys = new Set(measurements.map((m) => `${m.case}|${m.cpu}`));
  for (const key of keys) {
    const same = measurements.filter((m) => `${m.case}|${m.cpu}` === key);
    const api = same.filter((m) => m.server === 'api');
    const baseline = same.filter((m) => m.server === 'baseline');
    if (api.length === 0 || baseline.length === 0) continue;
    const [apiMedian, baselineMedian] = [median(api), median(baseline)];
    rows.push({
      case: apiMedian.case,
      cpu: apiMedian.cpu,
      api: apiMedian,
      baseline: baselineMedian,
      ratio: round(apiMedian.rps / baselineMedian.rps, 2),
      roundsRps: { api: api.map((m) => m.rps), baseline: baseline.map((m) => m.rps) },
    });
  }
  return rows;
}

function median(runs: readonly Measurement[]): Measurement {
  return [...runs].sort((a, b) => a.rps - b.rps)[Math.floor((runs.length - 1) / 2)]!;
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
    '| case | server CPUs | ours rps, median (min-max) | baseline rps, median (min-max) | ours/baseline | CPU ms per request, ours / baseline | ours p50 / p99 ms | baseline p50 / p99 ms | failed (ours/baseline) |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const lines = rows.map((row) => {
    const title = BENCH_CASES.find((c) => c.name === row.case)?.title ?? row.case;
    return `| ${title} | ${row.cpu === null ? 'all' : `1 (taskset -c ${row.cpu})`} | ${spread(row.api.rps, row.roundsRps.api)} | ${spread(row.baseline.rps, row.roundsRps.baseline)} | ${row.ratio.toFixed(2)} | ${row.api.cpuMsPerRequest ?? '-'} / ${row.baseline.cpuMsPerRequest ?? '-'} | ${row.api.p50Ms} / ${row.api.p99Ms} | ${row.baseline.p50Ms} / ${row.baseline.p99Ms} | ${row.api.failed} / ${row.baseline.failed} |`;
  });
  return [...header, ...lines].join('\n');
}

/** `median (min-max)` over the rounds, rounded to whole requests per second. */
function spread(medianRps: number, rounds: readonly number[]): string {
  const whole = (n: number) => Math.round(n).toString();
  if (rounds.length < 2) return whole(medianRps);
  return `${whole(medianRps)} (${whole(Math.min(...rounds))}-${whole(Math.max(...rounds))})`;
}
