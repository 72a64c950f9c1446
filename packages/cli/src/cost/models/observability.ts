import type { PriceTable } from '../prices/index.ts';
import { beyondFree, type Charge, num, overFree, rate } from './charge.ts';

const DAYS_PER_MONTH = 730 / 24;
/** A log group that never expires is priced as holding a year of logs. */
export const NEVER_EXPIRE_DAYS = 365;

/** GB held at steady state when each month's logs are kept `retentionDays`. */
export function storedLogGb(ingestGbPerMonth: number, retentionDays: number): number {
  return (ingestGbPerMonth * retentionDays) / DAYS_PER_MONTH;
}

/**
 * CloudWatch Logs ingestion and storage. The always-free 5 GB covers ingestion and storage together: it is
 * applied to ingestion first, and what is left of it to storage. Stored size is counted uncompressed (an upper bound).
 */
export function logsMonthly(
  prices: PriceTable,
  ingestGbPerMonth: number,
  retentionDays: number,
): { ingestion: Charge; storage: Charge } {
  const free = prices.logsFree.amount;
  const ingestRate = prices.logsIngestGb.usd;
  const storeRate = prices.logsStoreGbMonth.usd;
  const billedIngest = overFree(ingestGbPerMonth, free);
  const freeLeft = overFree(free, ingestGbPerMonth);
  const stored = storedLogGb(ingestGbPerMonth, retentionDays);
  const billedStored = overFree(stored, freeLeft);
  return {
    ingestion: {
      usd: billedIngest * ingestRate,
      how: `(${num(ingestGbPerMonth)} GB - ${num(free)} GB free, min 0) x ${rate(ingestRate)}`,
    },
    storage: {
      usd: billedStored * storeRate,
      how: `(${num(stored)} GB held for ${retentionDays} d - ${num(freeLeft)} GB free left, min 0) x ${rate(storeRate)}`,
    },
  };
}

export function alarmsMonthly(prices: PriceTable, standard: number, highResolution: number): Charge {
  const free = prices.alarmsFree.amount;
  const billedStandard = overFree(standard, free);
  const s = prices.alarmStandardMonth.usd;
  const h = prices.alarmHighResolutionMonth.usd;
  return {
    usd: billedStandard * s + highResolution * h,
    how: `(${num(standard)} standard alarm metrics - ${num(free)} free, min 0) x ${rate(s)} + ${num(highResolution)} high-resolution x ${rate(h)}`,
  };
}

export function customMetricsMonthly(prices: PriceTable, metrics: number): Charge {
  return beyondFree(metrics, 'metrics', prices.customMetricsFree.amount, prices.customMetricMonth.usd);
}

export function dashboardsMonthly(prices: PriceTable, dashboards: number): Charge {
  return beyondFree(dashboards, 'dashboards', prices.dashboardsFree.amount, prices.dashboardMonth.usd);
}

export function xrayMonthly(prices: PriceTable, tracesPerMonth: number): Charge {
  return beyondFree(tracesPerMonth, 'traces', prices.xrayFree.amount, prices.xrayTraceMillion.usd, 1_000_000);
}

export interface PrometheusLoad {
  readonly activeSeries: number;
  readonly scrapeIntervalSeconds: number;
  /** Bytes each stored sample takes, metadata included (AMP counts 1-2 bytes a sample plus labels). */
  readonly bytesPerSample: number;
  /** Samples kept: AMP retains 150 days by default. */
  readonly retentionDays: number;
}

export function prometheusSamplesPerMonth(load: PrometheusLoad, hoursPerMonth: number): number {
  return load.activeSeries * ((hoursPerMonth * 3600) / load.scrapeIntervalSeconds);
}

/** AMP ingestion and storage, no free tier applied (it is not listed among the always-free offers). */
export function ampMonthly(prices: PriceTable, load: PrometheusLoad): Charge {
  const samples = prometheusSamplesPerMonth(load, prices.hoursPerMonth);
  const storedGb = (samples * load.bytesPerSample * (load.retentionDays / DAYS_PER_MONTH)) / 1024 ** 3;
  const ingest = (samples / 10_000_000) * prices.ampSamples10M.usd;
  const storage = storedGb * prices.ampStorageGbMonth.usd;
  return {
    usd: ingest + storage,
    how: `${num(samples / 1_000_000)} M samples x ${rate(prices.ampSamples10M.usd)} / 10 M + ${num(storedGb)} GB x ${rate(prices.ampStorageGbMonth.usd)}`,
  };
}

export function grafanaMonthly(prices: PriceTable, editors: number, viewers: number): Charge {
  const e = prices.grafanaEditorMonth.usd;
  const v = prices.grafanaViewerMonth.usd;
  return {
    usd: editors * e + viewers * v,
    how: `${num(editors)} editor x ${rate(e)} + ${num(viewers)} viewer x ${rate(v)}`,
  };
}
