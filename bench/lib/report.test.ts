import { describe, expect, it } from 'vitest';
import type { Measurement, ServerKind } from './measure.ts';
import { compare, pairedCpuRatio } from './report.ts';

function run(server: ServerKind, round: number, rps: number, cpuMsPerRequest: number | null): Measurement {
  return {
    server,
    case: 'get-product',
    round,
    cpu: null,
    rps,
    p50Ms: 1,
    p99Ms: 2,
    ok: rps * 3,
    failed: 0,
    cpuMsPerRequest,
    rssMb: 80,
    statusCodes: { '200': rps * 3 },
    durationSeconds: 3,
  };
}

describe('pairedCpuRatio', () => {
  it('divides CPU per request round by round, so a slow minute moves both sides of a ratio', () => {
    // The host is twice as slow in round 2: the medians of each side would give 0.1/0.15, but every round says 0.8.
    const baseline = [
      run('baseline', 1, 1000, 0.08),
      run('baseline', 2, 500, 0.16),
      run('baseline', 3, 1000, 0.08),
    ];
    const api = [run('api', 1, 900, 0.1), run('api', 2, 450, 0.2), run('api', 3, 900, 0.1)];
    expect(pairedCpuRatio(baseline, api)).toBe(0.8);
  });

  it('takes the mean of the two middle ratios of an even number of rounds', () => {
    const baseline = [run('baseline', 1, 1, 0.1), run('baseline', 2, 1, 0.1)];
    const api = [run('api', 1, 1, 0.1), run('api', 2, 1, 0.2)];
    expect(pairedCpuRatio(baseline, api)).toBe(0.75);
  });

  it('skips rounds without CPU times and gives null when none are left', () => {
    expect(pairedCpuRatio([run('baseline', 1, 1, null)], [run('api', 1, 1, 0.1)])).toBeNull();
    expect(pairedCpuRatio([], [run('api', 1, 1, 0.1)])).toBeNull();
    const baseline = [run('baseline', 1, 1, null), run('baseline', 2, 1, 0.09)];
    expect(pairedCpuRatio(baseline, [run('api', 1, 1, 0.1), run('api', 2, 1, 0.1)])).toBe(0.9);
  });
});

describe('compare', () => {
  it('gives each server its rps ratio of medians and its paired CPU ratio to both baselines', () => {
    const rows = compare([
      run('baseline', 1, 1000, 0.1),
      run('baseline-prepared', 1, 1100, 0.09),
      run('api', 1, 900, 0.12),
      run('baseline', 2, 1000, 0.1),
      run('baseline-prepared', 2, 1100, 0.09),
      run('api', 2, 950, 0.125),
    ]);
    const api = rows.find((row) => row.server === 'api');
    expect(api).toMatchObject({ ratio: 0.9, ratioPrepared: 0.82, cpuRatio: 0.82, cpuRatioPrepared: 0.74 });
    expect(rows.find((row) => row.server === 'baseline')).toMatchObject({ ratio: 1, cpuRatio: 1 });
  });
});
