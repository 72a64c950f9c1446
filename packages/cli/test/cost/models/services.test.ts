import { describe, expect, it } from 'vitest';
import { toCents } from '../../../src/cost/models/charge.ts';
import { cloudFrontMonthly, s3StorageMonthly } from '../../../src/cost/models/edge.ts';
import {
  alarmsMonthly,
  ampMonthly,
  customMetricsMonthly,
  dashboardsMonthly,
  grafanaMonthly,
  logsMonthly,
  storedLogGb,
  xrayMonthly,
} from '../../../src/cost/models/observability.ts';
import {
  codeBuildMonthly,
  codePipelineV1Monthly,
  codePipelineV2Monthly,
  ecrStorageMonthly,
} from '../../../src/cost/models/pipelines.ts';
import {
  kmsKeysMonthly,
  parameterStoreMonthly,
  secretsManagerMonthly,
} from '../../../src/cost/models/secrets.ts';
import { usEast1 as prices } from '../../../src/cost/prices/us-east-1.ts';

const cents = (charge: { usd: number } | null) => (charge === null ? null : toCents(charge.usd));

describe('secrets', () => {
  it('bills Secrets Manager $0.40 a secret and $0.05 per 10k calls: 2 secrets, 20k calls = $0.90', () => {
    expect(cents(secretsManagerMonthly(prices, 2, 20_000))).toBe(90);
  });

  it('bills only advanced parameters ($0.05 each) and KMS keys ($1 each)', () => {
    expect(cents(parameterStoreMonthly(prices, 0))).toBe(0);
    expect(cents(parameterStoreMonthly(prices, 3))).toBe(15);
    expect(cents(kmsKeysMonthly(prices, 2))).toBe(200);
  });
});

describe('logsMonthly', () => {
  it('keeps 1 GB a month for 7 days inside the 5 GB always-free allowance', () => {
    const { ingestion, storage } = logsMonthly(prices, 1, 7);
    expect(storedLogGb(1, 7)).toBeCloseTo(7 / (730 / 24), 9);
    expect(cents(ingestion)).toBe(0);
    expect(cents(storage)).toBe(0);
  });

  it('bills 20 GB a month kept 30 days: (20 - 5) x 0.50 = $7.50 and 19.73 GB x 0.03 = $0.59', () => {
    const { ingestion, storage } = logsMonthly(prices, 20, 30);
    expect(cents(ingestion)).toBe(750);
    expect(storage.usd).toBeCloseTo(((20 * 30) / (730 / 24)) * 0.03, 9);
    expect(cents(storage)).toBe(59);
  });
});

describe('CloudWatch alarms, metrics, dashboards', () => {
  it('gives 10 standard alarms free: 15 standard + 2 high-resolution = 5 x 0.10 + 2 x 0.30 = $1.10', () => {
    expect(cents(alarmsMonthly(prices, 15, 2))).toBe(110);
  });

  it('gives 10 custom metrics and 3 dashboards free: 12 metrics = $0.60, 5 dashboards = $6.00', () => {
    expect(cents(customMetricsMonthly(prices, 12))).toBe(60);
    expect(cents(dashboardsMonthly(prices, 5))).toBe(600);
    expect(cents(dashboardsMonthly(prices, 3))).toBe(0);
  });
});

describe('tracing and Prometheus', () => {
  it('gives 100,000 traces free: 1.1 M traces = 1 M x $5 / M = $5.00', () => {
    expect(cents(xrayMonthly(prices, 1_100_000))).toBe(500);
  });

  it('prices 500 series every 60 s: 21.9 M samples x 0.90 / 10 M = $1.971 plus 0.2012 GB stored x 0.03', () => {
    const charge = ampMonthly(prices, {
      activeSeries: 500,
      scrapeIntervalSeconds: 60,
      bytesPerSample: 2,
      retentionDays: 150,
    });
    const storedGb = 216_000_000 / 1024 ** 3;
    expect(charge.usd).toBeCloseTo(1.971 + storedGb * 0.03, 9);
    expect(cents(charge)).toBe(198);
  });

  it('bills Grafana per active user: 1 editor x 9 + 2 viewers x 5 = $19', () => {
    expect(cents(grafanaMonthly(prices, 1, 2))).toBe(1900);
  });
});

describe('CodeBuild', () => {
  it('applies the 100 free minutes to general1.small: 150 min = 50 x 0.005 = $0.25, none left', () => {
    const result = codeBuildMonthly(prices, 'LINUX_CONTAINER/BUILD_GENERAL1_SMALL', 150, 100);
    expect(cents(result?.charge ?? null)).toBe(25);
    expect(result?.freeMinutesLeft).toBe(0);
  });

  it('gives medium builds no free minutes: 60 min x 0.01 = $0.60, allowance untouched', () => {
    const result = codeBuildMonthly(prices, 'LINUX_CONTAINER/BUILD_GENERAL1_MEDIUM', 60, 100);
    expect(cents(result?.charge ?? null)).toBe(60);
    expect(result?.freeMinutesLeft).toBe(100);
  });

  it('shares the allowance with arm1.small, and refuses an environment not in the table', () => {
    expect(codeBuildMonthly(prices, 'ARM_CONTAINER/BUILD_GENERAL1_SMALL', 60, 100)?.freeMinutesLeft).toBe(40);
    expect(codeBuildMonthly(prices, 'ARM_CONTAINER/BUILD_GENERAL1_LARGE', 60, 100)).toBeNull();
  });
});

describe('CodePipeline, ECR, S3, CloudFront', () => {
  it('gives V2 100 action minutes free: 180 min = 80 x 0.002 = $0.16; V1 one pipeline free: 3 = $2', () => {
    expect(cents(codePipelineV2Monthly(prices, 180))).toBe(16);
    expect(cents(codePipelineV1Monthly(prices, 3))).toBe(200);
  });

  it('prices 1.5 GB of images at $0.15 and 10 GB in S3 at $0.23', () => {
    expect(cents(ecrStorageMonthly(prices, 1.5))).toBe(15);
    expect(cents(s3StorageMonthly(prices, 10))).toBe(23);
  });

  it('gives CloudFront 1 TB and 10 M requests free: 1,124 GB and 12 M = 100 x 0.085 + 200 x 0.01 = $10.50', () => {
    expect(cents(cloudFrontMonthly(prices, 1124, 12_000_000))).toBe(1050);
    expect(cents(cloudFrontMonthly(prices, 5, 1_000_000))).toBe(0);
  });
});
