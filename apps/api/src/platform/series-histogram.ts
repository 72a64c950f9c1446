import type { Metric, Registry } from 'prom-client';

/** One label set's histogram: counts per bucket (not cumulative), the sum and the count. */
export interface Series {
  readonly labels: Readonly<Record<string, string>>;
  readonly buckets: Float64Array;
  sum: number;
  count: number;
}

interface MetricValue {
  readonly value: number;
  readonly labels: Record<string, string | number>;
  readonly sharedLabels?: Record<string, string>;
  readonly metricName?: string;
}

interface MetricData {
  readonly name: string;
  readonly help: string;
  readonly type: 'histogram' | 'counter';
  readonly aggregator: 'sum';
  readonly values: MetricValue[];
}

/**
 * A Prometheus histogram kept per label set in a typed array, for paths that run on every request and query.
 * prom-client's Histogram checks and hashes the label object on every `observe` and counts buckets in an object keyed
 * by the bound; here the caller finds a label set's `Series` by a key it builds and an observation is a loop
 * over the bounds. The exposition is prom-client's: the registry formats what `getForPromString` returns, exactly as
 * for its own histograms (cumulative `_bucket` lines with `le` first, then `_sum` and `_count`).
 */
export class SeriesHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly upperBounds: readonly number[],
  ) {}

  /** The series kept under `key`, if it has been added. */
  seriesAt(key: string): Series | undefined {
    return this.series.get(key);
  }

  /** Starts the series of `labels` under `key`, a string the caller builds from the same label values. */
  addSeries(key: string, labels: Readonly<Record<string, string>>): Series {
    const series: Series = { labels, buckets: new Float64Array(this.upperBounds.length), sum: 0, count: 0 };
    this.series.set(key, series);
    return series;
  }

  observe(series: Series, value: number): void {
    series.sum += value;
    series.count += 1;
    const bounds = this.upperBounds;
    for (let i = 0; i < bounds.length; i++) {
      if (value <= (bounds[i] as number)) {
        (series.buckets[i] as number) += 1;
        return;
      }
    }
  }

  /** Every series, for counters derived from this histogram's counts. */
  allSeries(): IterableIterator<Series> {
    return this.series.values();
  }

  getForPromString(): MetricData {
    const values: MetricValue[] = [];
    const bucketName = `${this.name}_bucket`;
    for (const series of this.series.values()) {
      let cumulative = 0;
      this.upperBounds.forEach((le, i) => {
        cumulative += series.buckets[i] as number;
        values.push({
          labels: { le },
          sharedLabels: series.labels,
          value: cumulative,
          metricName: bucketName,
        });
      });
      values.push(
        { labels: { le: '+Inf' }, sharedLabels: series.labels, value: series.count, metricName: bucketName },
        { labels: {}, sharedLabels: series.labels, value: series.sum, metricName: `${this.name}_sum` },
        { labels: {}, sharedLabels: series.labels, value: series.count, metricName: `${this.name}_count` },
      );
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  /** The same values with the series' labels merged in, for `registry.getMetricsAsJSON()`. */
  get(): MetricData {
    const data = this.getForPromString();
    return {
      ...data,
      values: data.values.map(({ labels, sharedLabels, value, metricName }) => ({
        labels: { ...labels, ...sharedLabels },
        value,
        ...(metricName === undefined ? {} : { metricName }),
      })),
    };
  }
}

/**
 * A counter whose value per label set is the count of a histogram's series (requests, or requests answered with a 5xx),
 * so a request updates one series instead of a histogram and two counters.
 */
export class SeriesCounter {
  readonly type = 'counter';
  readonly aggregator = 'sum';

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly histogram: SeriesHistogram,
    private readonly counts: (series: Series) => boolean = () => true,
  ) {}

  get(): MetricData {
    const values: MetricValue[] = [];
    for (const series of this.histogram.allSeries()) {
      if (this.counts(series)) values.push({ labels: { ...series.labels }, value: series.count });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}

/** Adds these metrics to a prom-client registry, whose exposition only calls `get`/`getForPromString`. */
export function registerSeriesMetrics(
  registry: Registry,
  metrics: (SeriesHistogram | SeriesCounter)[],
): void {
  for (const metric of metrics) registry.registerMetric(metric as unknown as Metric);
}
