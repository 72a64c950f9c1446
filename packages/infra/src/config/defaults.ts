import type { ServiceSettings, StageSettings, UsageSettings } from './types.ts';

/** The account used when none is configured: enough to synthesize, refused by `npm run deploy`. */
export const PLACEHOLDER_ACCOUNT = '000000000000';

export const DEFAULT_PROJECT = 'shoestring';
export const DEFAULT_STAGES = ['dev', 'prod'] as const;

/** Port every API container listens on (the API's `PORT`). */
export const CONTAINER_PORT = 8080;
/** Seconds the API keeps serving after SIGTERM; longer than the Cloud Map TTL (see aws-facts: containers-roadmap#1639). */
export const DRAIN_SECONDS = 30;

export const SERVICE_DEFAULTS: ServiceSettings = {
  modules: ['*'],
  cpu: 256,
  memoryMiB: 512,
  architecture: 'arm64',
  spotPercent: 0,
  minTasks: 1,
  maxTasks: 2,
  cpuTargetPercent: 70,
  memoryTargetPercent: 75,
  routingPolicy: 'multivalue',
};

/** The usage profile `shoestring cost` prices with when the config sets none (see `UsageSettings`). */
export const USAGE_DEFAULTS: UsageSettings = {
  requestsPerMonth: 1_000_000,
  avgResponseKb: 4,
  logGbPerMonth: 1,
  siteGbOut: 5,
  deploysPerMonth: 20,
  buildMinutesPerDeploy: 6,
  avgTaskCount: 1,
  siteRequestsPerMonth: 1_000_000,
  traceSampleRate: 0.05,
  prometheusActiveSeries: 500,
  prometheusScrapeIntervalSeconds: 60,
  grafanaEditors: 1,
  grafanaViewers: 0,
  imageGb: 0.15,
  imagesStored: 10,
  siteGbStored: 0.1,
  bucketGbStored: 1,
  natGbPerMonth: 5,
  dbIoPerMonth: 5_000_000,
};

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

/** Defaults for a stage, before the file's `shared` and stage settings are applied. */
export function stageDefaults(stage: string, env: { account?: string; region?: string }): StageSettings {
  const isProd = stage === 'prod';
  const region = env.region ?? 'us-east-1';
  return {
    account: env.account ?? PLACEHOLDER_ACCOUNT,
    region,
    network: {
      cidr: '10.0.0.0/16',
      availabilityZones: [`${region}a`, `${region}b`],
      buildEgress: 'nat-instance',
      natInstanceType: 't4g.nano',
      natImage: 'pinned',
    },
    services: { api: SERVICE_DEFAULTS },
    database: {
      engineVersion: '17.9',
      instanceType: 't4g.micro',
      allocatedStorageGb: 20,
      maxAllocatedStorageGb: 50,
      multiAz: false,
      backupRetentionDays: isProd ? 7 : 1,
      deletionProtection: isProd,
      snapshotOnDelete: isProd,
      name: 'shoestring',
      username: 'shoestring',
    },
    secrets: { store: 'ssm', rotationDays: 30 },
    api: { throttle: { rateLimit: 100, burstLimit: 200 }, corsOrigins: [] },
    edge: { routeApi: true, priceClass: 'PriceClass_100', contentSecurityPolicy: CONTENT_SECURITY_POLICY },
    observability: {
      metrics: 'cloudwatch',
      dashboards: 'cloudwatch',
      alarms: {
        http5xxPercent: 1,
        p99LatencyMs: 1500,
        taskCpuPercent: 85,
        taskMemoryPercent: 85,
        rdsCpuPercent: 80,
        rdsFreeStorageGb: 2,
        rdsConnections: 60,
      },
      logRetentionDays: isProd ? 30 : 7,
    },
    pipeline: {
      repository: 'example/shoestring',
      branch: isProd ? 'release' : 'main',
      manualApprovalBeforeProd: true,
      natAlwaysOn: false,
    },
    migrations: { runner: 'codebuild-vpc', computeType: 'medium' },
    usage: USAGE_DEFAULTS,
  };
}
