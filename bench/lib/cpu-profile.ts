/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) that a self-time summary needs. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  }[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  /** Microseconds on the monotonic clock, the one `process.hrtime` reads. */
  readonly startTime: number;
}

export interface ProfileSummary {
  /** Sampled time, idle excluded, in milliseconds. */
  readonly totalMs: number;
  /**
   * `(program)`: native time V8 cannot attribute to a function (the event loop's own work, between callbacks), in
   * milliseconds; not in `totalMs`.
   */
  readonly programMs: number;
  /** Self time per npm package (`node_modules/<name>`), `node:` internals, our code (`api`) or V8 (`(garbage collector)`...). */
  readonly byPackage: readonly [string, number][];
  /** Self time per function, `name package/file:line`. */
  readonly byFunction: readonly [string, number][];
}

/**
 * Self time by package and by function, highest first, of the samples taken inside `window` (monotonic
 * microseconds, as `process.hrtime.bigint() / 1000n`), so start-up is left out; `(idle)` and `(program)` too.
 */
export function summariseProfile(
  profile: CpuProfile,
  window: { fromUs: number; toUs: number } = { fromUs: 0, toUs: Number.POSITIVE_INFINITY },
): ProfileSummary {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  let totalMs = 0;
  let programMs = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    const frame = frames.get(id);
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    at += profile.timeDeltas[index] ?? 0;
    if (at < window.fromUs || at > window.toUs) return;
    if (frame?.functionName === '(program)') programMs += ms;
    if (!frame || frame.functionName === '(idle)' || frame.functionName === '(program)') return;
    const where = packageOf(frame.url, frame.functionName);
    const file = frame.url.split('/').slice(-1)[0] ?? '';
    const name = `${frame.functionName || '(anonymous)'} ${where}/${file}:${frame.lineNumber + 1}`;
    packages.set(where, (packages.get(where) ?? 0) + ms);
    functions.set(name, (functions.get(name) ?? 0) + ms);
    totalMs += ms;
  });
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  return { totalMs, programMs, byPackage: sorted(packages), byFunction: sorted(functions) };
}

function packageOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node:internal';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1]!;
  return url.includes('/apps/api/') ? 'api' : url;
}
