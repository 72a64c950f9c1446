import autocannon from 'autocannon';
import { resetOrders, type SeededShop } from '../harness/seed.ts';
import type { BenchCase, CaseName } from './cases.ts';

export type ServerKind = 'api' | 'baseline';

export interface Measurement {
  readonly server: ServerKind;
  readonly case: CaseName;
  /** CPU the server was pinned to with taskset, or null when it could use every core. */
  readonly cpu: number | null;
  /** Successful (2xx) responses per second over the measured window. */
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly ok: number;
  /** Non-2xx answers plus connection errors and timeouts: any of these makes the run suspect. */
  readonly failed: number;
  /** Responses per HTTP status, to explain failures. */
  readonly statusCodes: Record<string, number>;
  readonly durationSeconds: number;
}

export interface MeasureSettings {
  readonly connections: number;
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly databaseUrl: string;
}

/** One autocannon run of a case against one server, after a short warm-up (JIT, pool connections). */
export async function measure(
  target: { kind: ServerKind; url: string; cpu: number | null },
  benchCase: BenchCase,
  shop: SeededShop,
  settings: MeasureSettings,
): Promise<Measurement> {
  if (benchCase.writes) await resetOrders(settings.databaseUrl, shop.stock);
  const run = (duration: number) =>
    autocannon({
      url: target.url,
      connections: settings.connections,
      duration,
      timeout: 10,
      requests: [benchCase.request(shop)],
    });
  if (settings.warmupSeconds > 0) await run(settings.warmupSeconds);
  const result = await run(settings.durationSeconds);
  const ok = result['2xx'];
  return {
    server: target.kind,
    case: benchCase.name,
    cpu: target.cpu,
    rps: round(ok / result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
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
