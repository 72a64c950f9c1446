import { cpus, loadavg } from 'node:os';
import { BENCH_CASES, type CaseName } from './cases.ts';
import { type Measurement, round, type ServerKind } from './measure.ts';

export interface ComparedRow {
  readonly case: CaseName;
  readonly cpu: number | null;
  readonly server: ServerKind;
  /** The server's median round by rps (its CPU per request, p50, p99 and RSS are that round's). */
  readonly median: Measurement;
  /** Median rps divided by the plain baseline's median rps: 1.0 means the platform costs nothing. */
  readonly ratio: number;
  /** The same against the baseline with prepared statements; null when it did not run. */
  readonly ratioPrepared: number | null;
  /**
   * The plain baseline's CPU per request divided by this server's, round by round, and the median of those ratios:
   * 1.0 means the platform costs nothing, as for `ratio`. Each ratio compares two runs of one round, the closest in
   * time (with `--paired`, at the same time), so a host that is twice as slow in one minute as in the next moves
   * both sides of a ratio together. Null when /proc gave no CPU times.
   */
  readonly cpuRatio: number | null;
  /** The same against the baseline with prepared statements. */
  readonly cpuRatioPrepared: number | null;
  /** Every round's rps, to show the spread. */
  readonly roundsRps: number[];
}

/** What each server is called in the table. */
export const SERVER_TITLES: Record<ServerKind, string> = {
  baseline: 'baseline',
  'baseline-prepared': 'baseline, prepared statements',
  api: 'ours',
  'api-before': 'ours, before (--before)',
  'fastify-floor': 'bare Fastify, same schemas (--floor)',
};

/** One row per case, CPU setting and server, each with its ratios to the baselines of the same case. */
export function compare(measurements: readonly Measurement[]): ComparedRow[] {
  const rows: ComparedRow[] = [];
  const keys = new Set(measurements.map((m) => `${m.case}|${m.cpu}`));
  for (const key of keys) {
    const same = measurements.filter((m) => `${m.case}|${m.cpu}` === key);
    const runsOf = (server: ServerKind) => same.filter((m) => m.server === server);
    const baseline = runsOf('baseline');
    if (baseline.length === 0) continue;
    const baselineRps = median(baseline).rps;
    const prepared = runsOf('baseline-prepared');
    const preparedRps = prepared.length > 0 ? median(prepared).rps : null;
    for (const server of Object.keys(SERVER_TITLES) as ServerKind[]) {
      const runs = runsOf(server);
      if (runs.length === 0) continue;
      const middle = median(runs);
      rows.push({
        case: middle.case,
        cpu: middle.cpu,
        server,
        median: middle,
        ratio: round(middle.rps / baselineRps, 2),
        ratioPrepared: preparedRps === null ? null : round(middle.rps / preparedRps, 2),
        cpuRatio: pairedCpuRatio(baseline, runs),
        cpuRatioPrepared: pairedCpuRatio(prepared, runs),
        roundsRps: runs.map((m) => m.rps),
      });
    }
  }
  return rows;
}

function median(runs: readonly Measurement[]): Measurement {
  return [...runs].sort((a, b) => a.rps - b.rps)[Math.floor((runs.length - 1) / 2)]!;
}

/** The median over the rounds both ran of `reference`'s CPU per request divided by `server`'s; null without any. */
export function pairedCpuRatio(
  reference: readonly Measurement[],
  server: readonly Measurement[],
): number | null {
  const ratios: number[] = [];
  for (const run of server) {
    const other = reference.find((m) => m.round === run.round);
    if (other?.cpuMsPerRequest && run.cpuMsPerRequest)
      ratios.push(other.cpuMsPerRequest / run.cpuMsPerRequest);
  }
  if (ratios.length === 0) return null;
  ratios.sort((a, b) => a - b);
  const middle = ratios.length / 2;
  const value = Number.isInteger(middle)
    ? ((ratios[middle - 1] as number) + (ratios[middle] as number)) / 2
    : (ratios[Math.floor(middle)] as number);
  return round(value, 2);
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
    '| case | server CPUs | server | rps, median (min-max) | / baseline | / prepared baseline | CPU ms per request | CPU: baseline ÷ this | CPU: prepared baseline ÷ this | p50 / p99 ms | RSS after, MB | failed |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const lines = rows.map((row) => {
    const title = BENCH_CASES.find((c) => c.name === row.case)?.title ?? row.case;
    const run = row.median;
    return `| ${title} | ${row.cpu === null ? 'all' : `1 (taskset -c ${row.cpu})`} | ${SERVER_TITLES[row.server]} | ${spread(run.rps, row.roundsRps)} | ${row.ratio.toFixed(2)} | ${row.ratioPrepared?.toFixed(2) ?? '-'} | ${run.cpuMsPerRequest ?? '-'} | ${row.cpuRatio?.toFixed(2) ?? '-'} | ${row.cpuRatioPrepared?.toFixed(2) ?? '-'} | ${run.p50Ms} / ${run.p99Ms} | ${run.rssMb ?? '-'} | ${run.failed} |`;
  });
  return [...header, ...lines].join('\n');
}

/** `median (min-max)` over the rounds, rounded to whole requests per second. */
function spread(medianRps: number, rounds: readonly number[]): string {
  const whole = (n: number) => Math.round(n).toString();
  if (rounds.length < 2) return whole(medianRps);
  return `${whole(medianRps)} (${whole(Math.min(...rounds))}-${whole(Math.max(...rounds))})`;
}
