import { setTimeout as sleep } from 'node:timers/promises';

/** What the client saw for one request: an HTTP answer, or the network error / timeout that replaced it. */
export interface Outcome {
  readonly label: string;
  /** `performance.now()` when the request was sent. */
  readonly sentAt: number;
  readonly ms: number;
  readonly status?: number;
  readonly contentType?: string;
  readonly body?: string;
  /** Set when no HTTP answer arrived: connection refused or reset, or our own timeout (a hang). */
  readonly error?: string;
}

export interface TimedRequest {
  readonly label: string;
  readonly url: string;
  readonly init?: RequestInit;
  /** The client gives up after this long and records the request as hung. */
  readonly timeoutMs: number;
}

/** One request with a client-side timeout; never throws, so load loops keep going through failures. */
export async function timedFetch(request: TimedRequest): Promise<Outcome> {
  const sentAt = performance.now();
  try {
    const response = await fetch(request.url, {
      ...request.init,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    const body = await response.text();
    return {
      label: request.label,
      sentAt,
      ms: performance.now() - sentAt,
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body,
    };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return {
      label: request.label,
      sentAt,
      ms: performance.now() - sentAt,
      error: `${String(error)}${cause}`,
    };
  }
}

/** Runs `workers` copies of `loop` concurrently until each returns; the loops decide when to stop. */
export async function runWorkers(workers: number, loop: (worker: number) => Promise<void>): Promise<void> {
  await Promise.all(Array.from({ length: workers }, (_, worker) => loop(worker)));
}

/** A flag the test flips to end the load loops. */
export function stopSwitch() {
  let stopped = false;
  return {
    get running() {
      return !stopped;
    },
    stop() {
      stopped = true;
    },
  };
}

/** Polls `url` every `intervalMs` until `running()` is false, recording every answer. */
export async function probe(url: string, running: () => boolean, intervalMs = 200): Promise<Outcome[]> {
  const seen: Outcome[] = [];
  while (running()) {
    seen.push(await timedFetch({ label: 'probe', url, timeoutMs: 5000 }));
    await sleep(intervalMs);
  }
  return seen;
}

export function isProblemJson(outcome: Outcome): boolean {
  if (!outcome.contentType?.startsWith('application/problem+json')) return false;
  try {
    const problem = JSON.parse(outcome.body ?? '');
    return (
      problem.status === outcome.status &&
      typeof problem.code === 'string' &&
      typeof problem.title === 'string'
    );
  } catch {
    return false;
  }
}

/** Readable lines for an assertion message: the first few outcomes that broke a rule. */
export function describeOutcomes(outcomes: readonly Outcome[], limit = 5): string {
  return outcomes
    .slice(0, limit)
    .map(
      (o) =>
        `${o.label} -> ${o.status ?? o.error} after ${Math.round(o.ms)} ms ${o.body?.slice(0, 200) ?? ''}`,
    )
    .join('\n');
}
