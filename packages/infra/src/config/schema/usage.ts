import { Type } from 'typebox';
import { section } from './fields.ts';

const amount = (value: number, description: string) =>
  Type.Number({ default: value, minimum: 0, description });

/** The usage profile `shoestring cost` prices the usage-driven lines with; a `--usage` file is checked against it too. */
export const UsageSchema = section(
  {
    requestsPerMonth: amount(1_000_000, 'API requests per month.'),
    avgResponseKb: amount(4, 'Average API response size in KB.'),
    logGbPerMonth: amount(1, 'CloudWatch Logs ingested per month in GB.'),
    siteGbOut: amount(5, 'CloudFront data out per month in GB.'),
    deploysPerMonth: amount(20, 'Backend deploys per month.'),
    buildMinutesPerDeploy: amount(6, 'CodeBuild minutes per deploy (image build plus migration).'),
    avgTaskCount: amount(1, 'Average running tasks per service over the month.'),
    siteRequestsPerMonth: amount(1_000_000, 'Site requests per month through CloudFront.'),
    traceSampleRate: Type.Number({
      default: 0.05,
      minimum: 0,
      maximum: 1,
      description: "Share of API requests whose traces are recorded, 0 to 1 (0.05 is X-Ray's default rule).",
    }),
    prometheusActiveSeries: amount(
      500,
      "Prometheus series sent to AMP (`observability.metrics: 'prometheus'`).",
    ),
    prometheusScrapeIntervalSeconds: Type.Number({
      default: 60,
      exclusiveMinimum: 0,
      description: 'Seconds between scrapes, above 0.',
    }),
    grafanaEditors: amount(1, 'Active Managed Grafana editors a month.'),
    grafanaViewers: amount(0, 'Active Managed Grafana viewers a month.'),
    imageGb: amount(0.15, 'Size of one API image in ECR, GB.'),
    imagesStored: amount(10, 'API images kept in ECR.'),
    siteGbStored: amount(0.1, 'GB stored in the site bucket.'),
    bucketGbStored: amount(1, 'GB stored in each other bucket (pipeline artifacts).'),
    natGbPerMonth: amount(5, 'GB a month through a NAT (image pulls, package downloads).'),
    dbIoPerMonth: amount(
      5_000_000,
      'Database I/O requests a month (only Aurora bills them; `shoestring cost --compare`).',
    ),
  },
  'What `shoestring cost` assumes about traffic and storage; templates alone do not say it.',
);
