import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { SignedInShop } from '../harness/seed.ts';
import type { BenchCase, CaseName } from './cases.ts';

/**
 * `api`: the production build; `api-before`: another build of it (`--before`), measured in the same run to compare
 * commits on a busy machine; `baseline`: the plain node:http + pg server; `baseline-prepared`: the same with named
 * prepared statements, as the API uses them; `fastify-floor`: bare Fastify with the API's schemas (`--floor`, the
 * catalog reads only).
 */
export type ServerKind = 'api' | 'api-before' | 'baseline' | 'baseline-prepared' | 'fastify-floor';

export interface Measurement {
  readonly server: ServerKind;
  readonly case: CaseName;
  /** The round (1-based): in a round every server runs the case once, alone or, with `--paired`, all at once. */
  readonly round: number;
  /** CPU the server was pinned to with taskset, or null when it could use every core. */
  readonly cpu: number | null;
  /** Successful (2xx) responses per second over the measured window. */
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly ok: number;
  /** Non-2xx answers plus connection errors and timeouts: any of these makes the run suspect. */
  readonly failed: number;
  /**
   * CPU time (user + system) the server process spent per successful request, in milliseconds. Less sensitive to
   * other work on a shared machine than rps; null where /proc is unavailable.
   */
  readonly cpuMsPerRequest: number | null;
  /** Resident memory of the server process right after the measured load, in MB; null where /proc is unavailable. */
  readonly rssMb: number | null;
  /** Responses per HTTP status, to explain failures. */
  readonly statusCodes: Record<string, number>;
  readonly durationSeconds: number;
}

export interface MeasureSettings {
  readonly connections: number;
  /** Requests per second for every server (autocannon's overallRate), or undefined for as many as it answers. */
  readonly rate: number | undefined;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
}

/**
 * One autocannon run of a case against one server, after a short warm-up (JIT, pool connections). The caller puts
 * the tables in the case's starting state first (`BenchCase.prepare`).
 */
export async function measure(
  target: { kind: ServerKind; url: string; cpu: number | null; pid: number | undefined },
  benchCase: BenchCase,
  shop: SignedInShop,
  settings: MeasureSettings,
  roundNumber: number,
): Promise<Measurement> {
  const run = (duration: number) =>
    autocannon({
      url: target.url,
      connections: settings.connections,
      duration,
      timeout: 10,
      requests: [benchCase.request(shop)],
      ...(settings.rate === undefined ? {} : { overallRate: settings.rate }),
    });
  if (settings.warmupSeconds > 0) await run(settings.warmupSeconds);
  const cpuBefore = cpuMilliseconds(target.pid);
  const result = await run(settings.durationSeconds);
  const cpuAfter = cpuMilliseconds(target.pid);
  const rssMb = residentMegabytes(target.pid);
  const ok = result['2xx'];
  return {
    server: target.kind,
    case: benchCase.name,
    round: roundNumber,
    cpu: target.cpu,
    rps: round(ok / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
    cpuMsPerRequest:
      cpuBefore === null || cpuAfter === null || ok === 0 ? null : round((cpuAfter - cpuBefore) / ok, 3),
    rssMb,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count]),
    ),
    durationSeconds: round(result.duration),
  };
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

// Linux reports utime and stime in clock ticks of 1/100 s (USER_HZ, fixed at 100 on every mainstream kernel).
const MS_PER_TICK = 10;

/** User + system CPU time of a process so far, from /proc/<pid>/stat (fields 14 and 15). */
function cpuMilliseconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces; count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  } catch {
    return null;
  }
}

/** Resident set size of a process in MB, from the VmRSS line of /proc/<pid>/status. */
function residentMegabytes(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Math.round(Number(kb) / 1024);
  } catch {
    return null;
  }
}
