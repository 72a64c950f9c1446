import { formatUsd, num } from '../models/charge.ts';
import {
  auroraServerlessV2Monthly,
  type RdsInstance,
  rdsInstanceMonthly,
  rdsStorageMonthly,
} from '../models/database.ts';
import {
  ampMonthly,
  customMetricsMonthly,
  dashboardsMonthly,
  grafanaMonthly,
} from '../models/observability.ts';
import { parameterStoreMonthly, secretsManagerMonthly } from '../models/secrets.ts';
import type { PriceTable } from '../prices/index.ts';
import type { UsageProfile } from '../usage.ts';
import { crossing, type TradeOff } from './types.ts';

export function rdsVersusAurora(prices: PriceTable, usage: UsageProfile, db: RdsInstance): TradeOff {
  const instance = rdsInstanceMonthly(prices, db) ?? {
    usd: 0,
    how: `${db.instanceClass} not in the price table`,
  };
  const storage = rdsStorageMonthly(prices, db) ?? {
    usd: 0,
    how: `${db.storageType} not in the price table`,
  };
  const rds = { usd: instance.usd + storage.usd, how: `${instance.how} + ${storage.how}` };
  const aurora = auroraServerlessV2Monthly(prices, {
    averageAcu: 0.5,
    storageGb: db.storageGb,
    ioPerMonth: usage.dbIoPerMonth,
  });
  return {
    title: 'RDS PostgreSQL versus Aurora Serverless v2',
    options: [
      {
        name: `RDS ${db.instanceClass}${db.multiAz ? ' Multi-AZ' : ''}, ${num(db.storageGb)} GB`,
        monthly: rds,
      },
      { name: 'Aurora Serverless v2 at its 0.5 ACU floor', monthly: aurora },
    ],
    breakEven:
      aurora.usd > rds.usd
        ? `none while the app keeps connections: Aurora's floor alone is ${formatUsd(0.5 * prices.auroraAcuHour.usd * prices.hoursPerMonth)}`
        : 'Aurora is cheaper at this usage',
    note: 'Aurora can scale to 0 ACU and pause only when no connection is open; a pooled app never lets it pause, so the floor bills around the clock.',
  };
}

export function parameterStoreVersusSecretsManager(
  prices: PriceTable,
  usage: UsageProfile,
  secrets: number,
): TradeOff {
  const calls = secrets * usage.deploysPerMonth * Math.max(1, usage.avgTaskCount);
  return {
    title: 'Parameter Store versus Secrets Manager',
    options: [
      {
        name: `Secrets Manager, ${num(secrets)} secret(s)`,
        monthly: secretsManagerMonthly(prices, secrets, calls),
      },
      {
        name: `Parameter Store standard SecureString, ${num(secrets)} parameter(s)`,
        monthly: parameterStoreMonthly(prices, 0),
      },
    ],
    breakEven: 'none: standard parameters are free up to 10,000 per account',
    note: 'Secrets Manager buys managed rotation (and RDS-managed passwords); CloudFormation cannot create a SecureString, so Parameter Store needs a custom resource or a manual put.',
  };
}

/** CloudWatch dashboards over AWS metrics, or the app's series as CloudWatch custom metrics, versus Grafana + AMP. */
export function dashboardsVersusGrafana(
  prices: PriceTable,
  usage: UsageProfile,
  dashboards: number,
): TradeOff {
  const load = (series: number) => ({
    activeSeries: series,
    scrapeIntervalSeconds: usage.prometheusScrapeIntervalSeconds,
    bytesPerSample: 2,
    retentionDays: 150,
  });
  const grafana = (series: number) => {
    const users = grafanaMonthly(prices, usage.grafanaEditors, usage.grafanaViewers);
    const amp = ampMonthly(prices, load(series));
    return { usd: users.usd + amp.usd, how: `${users.how} + ${amp.how}` };
  };
  const cloudWatch = (series: number) => {
    const boards = dashboardsMonthly(prices, dashboards);
    const metrics = customMetricsMonthly(prices, series);
    return { usd: boards.usd + metrics.usd, how: `${boards.how} + ${metrics.how}` };
  };
  const series = usage.prometheusActiveSeries;
  const even = crossing((n) => cloudWatch(n).usd - grafana(n).usd, 0, 1_000_000);
  return {
    title: 'CloudWatch dashboards versus Managed Grafana + Managed Prometheus',
    options: [
      {
        name: `CloudWatch: ${num(dashboards)} dashboard(s), ${num(series)} app series as custom metrics`,
        monthly: cloudWatch(series),
      },
      {
        name: `Managed Grafana (${num(usage.grafanaEditors)} editor, ${num(usage.grafanaViewers)} viewer) + AMP, ${num(series)} series`,
        monthly: grafana(series),
      },
      {
        name: 'CloudWatch dashboards over AWS-vended metrics only',
        monthly: dashboardsMonthly(prices, dashboards),
      },
    ],
    breakEven:
      even === undefined
        ? 'none in 0-1,000,000 series'
        : `Grafana + AMP is cheaper above ${num(Math.ceil(even))} app series; each Grafana viewer adds ${formatUsd(prices.grafanaViewerMonth.usd)}, a CloudWatch dashboard viewer adds nothing`,
    note: 'Grafana bills per active user; CloudWatch bills per dashboard beyond three and per custom metric.',
  };
}
