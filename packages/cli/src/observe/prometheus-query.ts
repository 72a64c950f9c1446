/** One series of an instant query's result. */
export interface PromSample {
  readonly metric: Record<string, string>;
  readonly value: [number, string];
}

/** Runs an instant PromQL query through the Prometheus HTTP API; errors carry Prometheus' own message. */
export async function queryPrometheus(prometheusUrl: string, expr: string): Promise<PromSample[]> {
  const url = new URL('/api/v1/query', prometheusUrl);
  url.searchParams.set('query', expr);
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const body = (await response.json()) as {
    status: string;
    error?: string;
    data?: { resultType: string; result: PromSample[] };
  };
  if (body.status !== 'success') throw new Error(`PromQL ${expr} failed: ${body.error ?? response.status}`);
  if (body.data?.resultType !== 'vector') {
    throw new Error(`PromQL ${expr} returned a ${body.data?.resultType}, not an instant vector`);
  }
  return body.data.result;
}
