import type { TSchema } from 'typebox';
import { describe, expect, it } from 'vitest';
import {
  loadAllStages,
  loadConfig,
  PLACEHOLDER_ACCOUNT,
  resolveStage,
  SERVICE_DEFAULTS,
  StageSettingsSchema,
  stageNames,
  stopTimeoutSeconds,
} from '../../src/config/index.ts';
import {
  ECS_MAX_STOP_TIMEOUT_SECONDS,
  MAX_DRAIN_SECONDS,
  REQUEST_TIMEOUT_SECONDS,
  ServiceSchema,
} from '../../src/config/schema/service.ts';

const ENV = { account: '123456789012', region: 'us-east-1' };

describe('config defaults (the cheapest sane choice, as documented in the schema)', () => {
  // GIVEN an empty config WHEN the dev stage is resolved
  const dev = resolveStage({}, 'dev', ENV);
  const prod = resolveStage({}, 'prod', ENV);

  it('THEN the stages are dev and prod', () => {
    expect(stageNames({})).toEqual(['dev', 'prod']);
  });

  it('THEN the network spans <region>a/b with a NAT instance for the build subnets', () => {
    expect(dev.network).toEqual({
      cidr: '10.0.0.0/16',
      availabilityZones: ['us-east-1a', 'us-east-1b'],
      buildEgress: 'nat-instance',
      natInstanceType: 't4g.nano',
      natImage: 'pinned',
    });
  });

  it('THEN one api service runs every module on 0.25 vCPU / 0.5 GB ARM, 1 to 2 tasks', () => {
    expect(dev.services).toEqual({
      api: {
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
        drainSeconds: 60,
      },
    });
  });

  it('THEN the database is PostgreSQL 17 (minor upgrades by RDS) on db.t4g.micro with 20 GB, single-AZ', () => {
    expect(dev.database).toMatchObject({
      engineVersion: '17',
      autoMinorVersionUpgrade: true,
      instanceType: 't4g.micro',
      allocatedStorageGb: 20,
      maxAllocatedStorageGb: 50,
      multiAz: false,
      name: 'shoestring',
      username: 'shoestring',
    });
  });

  it('THEN prod keeps backups 7 days with deletion protection; dev does not (both snapshot on delete, ADR 0125)', () => {
    expect(prod.database).toMatchObject({
      backupRetentionDays: 7,
      deletionProtection: true,
    });
    expect(dev.database).toMatchObject({
      backupRetentionDays: 1,
      deletionProtection: false,
    });
  });

  it('THEN secrets live in SSM Parameter Store', () => {
    expect(dev.secrets).toEqual({ store: 'ssm', rotationDays: 30 });
  });

  it('THEN the API throttles at 100 rps / 200 burst with no JWT, CORS or domain', () => {
    expect(dev.api).toEqual({ throttle: { rateLimit: 100, burstLimit: 200 }, corsOrigins: [] });
  });

  it('THEN the edge routes /api/* to the API on PriceClass_100 with a self-only CSP', () => {
    expect(dev.edge).toMatchObject({ routeApi: true, priceClass: 'PriceClass_100' });
    expect(dev.edge.contentSecurityPolicy).toMatch(/^default-src 'self'/);
  });

  it('THEN observability uses CloudWatch, keeping logs 7 days in dev and 30 in prod', () => {
    expect(dev.observability).toMatchObject({
      metrics: 'cloudwatch',
      dashboards: 'cloudwatch',
      logRetentionDays: 7,
    });
    expect(prod.observability.logRetentionDays).toBe(30);
    expect(dev.observability.alarmEmail).toBeUndefined();
  });

  it('THEN the pipeline has no connection, deploys main to dev and release to prod after approval', () => {
    expect(dev.pipeline).toEqual({
      repository: 'example/shoestring',
      branch: 'main',
      manualApprovalBeforeProd: true,
      natAlwaysOn: false,
    });
    expect(prod.pipeline.branch).toBe('release');
  });

  it('THEN sign-in is on with a Lite Cognito pool, kept only in prod', () => {
    expect(dev.auth).toEqual({ enabled: true, featurePlan: 'lite', callbackUrls: [], retainUserPool: false });
    expect(prod.auth.retainUserPool).toBe(true);
    expect(dev.api.jwt).toBeUndefined();
  });

  it('THEN migrations run in CodeBuild inside the VPC on a medium build', () => {
    expect(dev.migrations).toEqual({ runner: 'codebuild-vpc', computeType: 'medium' });
  });

  it('THEN the usage profile of the cost tool has its documented defaults', () => {
    expect(dev.usage).toEqual({
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
      monthlyActiveUsers: 1_000,
      imageGb: 0.15,
      imagesStored: 10,
      siteGbStored: 0.1,
      bucketGbStored: 1,
      natGbPerMonth: 5,
      dbIoPerMonth: 5_000_000,
    });
  });

  it('THEN without an account the placeholder is used and the region is us-east-1', () => {
    const bare = resolveStage({}, 'dev', {});
    expect(bare.account).toBe(PLACEHOLDER_ACCOUNT);
    expect(bare.region).toBe('us-east-1');
  });
});

/** Every field of the schema that declares a default, with its path: `[['network', 'cidr'], schema], ...`. */
function fieldsWithDefaults(schema: TSchema, path: string[] = []): [string[], Record<string, unknown>][] {
  const properties = (schema as { properties?: Record<string, TSchema> }).properties;
  const field = schema as Record<string, unknown>;
  if (!properties || field.type !== 'object') return 'default' in field ? [[path, field]] : [];
  return Object.entries(properties).flatMap(([key, child]) => fieldsWithDefaults(child, [...path, key]));
}

function valueAt(value: unknown, path: readonly string[]): unknown {
  return path.reduce((at, key) => (at as Record<string, unknown>)[key], value);
}

describe('the resolved defaults are the schema defaults', () => {
  const dev = resolveStage({}, 'dev', ENV);
  const prod = resolveStage({}, 'prod', ENV);
  const fields = fieldsWithDefaults(StageSettingsSchema);

  it('GIVEN the schema THEN it declares defaults for every section', () => {
    expect(new Set(fields.map(([path]) => path[0]))).toEqual(
      new Set([
        'network',
        'services',
        'database',
        'secrets',
        'auth',
        'api',
        'edge',
        'observability',
        'pipeline',
        'migrations',
        'usage',
      ]),
    );
  });

  const leaves = fields.filter(([path]) => path[0] !== 'services');
  it.each(leaves.map(([path, field]) => [path.join('.'), path, field] as const))(
    'GIVEN no setting WHEN dev and prod resolve THEN %s is its schema default (prodDefault for prod)',
    (_name, path, field) => {
      expect(valueAt(dev, path)).toEqual(field.default);
      expect(valueAt(prod, path)).toEqual('prodDefault' in field ? field.prodDefault : field.default);
    },
  );

  it('GIVEN the services default THEN its one service has every service field at its schema default', () => {
    expect(dev.services).toEqual({ api: SERVICE_DEFAULTS });
    for (const [path, field] of fieldsWithDefaults(ServiceSchema)) {
      expect(valueAt(dev.services.api, path)).toEqual(field.default);
    }
  });
});

describe('the drain window and the ECS stop timeout', () => {
  it('THEN the default drain outlasts API Gateway caching a stopped task (45 to 60 s)', () => {
    expect(SERVICE_DEFAULTS.drainSeconds).toBeGreaterThanOrEqual(60);
  });

  it('THEN the stop timeout covers drain, a full request and closing, within the ECS ceiling', () => {
    const stop = stopTimeoutSeconds(SERVICE_DEFAULTS.drainSeconds);
    expect(stop).toBeGreaterThan(SERVICE_DEFAULTS.drainSeconds + REQUEST_TIMEOUT_SECONDS);
    expect(stop).toBeLessThanOrEqual(ECS_MAX_STOP_TIMEOUT_SECONDS);
  });

  it('GIVEN the longest drain the schema allows THEN the stop timeout is still within the ECS ceiling', () => {
    const longest = MAX_DRAIN_SECONDS;
    expect(stopTimeoutSeconds(longest)).toBeLessThanOrEqual(ECS_MAX_STOP_TIMEOUT_SECONDS);
    expect(() =>
      resolveStage({ stages: { dev: { services: { api: { drainSeconds: longest } } } } }, 'dev', ENV),
    ).not.toThrow();
  });
});

describe('config merging', () => {
  it("GIVEN a region in the file and no zones WHEN resolved THEN the zones are that region's a and b", () => {
    const config = resolveStage({ stages: { dev: { region: 'eu-west-1' } } }, 'dev', ENV);
    expect(config.network.availabilityZones).toEqual(['eu-west-1a', 'eu-west-1b']);
  });

  it('GIVEN shared and stage settings WHEN resolved THEN the stage wins field by field', () => {
    const config = resolveStage(
      {
        shared: { database: { multiAz: true, allocatedStorageGb: 30 } },
        stages: { prod: { database: { allocatedStorageGb: 40 } } },
      },
      'prod',
      ENV,
    );
    expect(config.database).toMatchObject({
      multiAz: true,
      allocatedStorageGb: 40,
      instanceType: 't4g.micro',
    });
  });

  it('GIVEN a stage with services WHEN resolved THEN they replace the shared ones and get service defaults', () => {
    const config = resolveStage(
      {
        shared: { services: { api: { maxTasks: 3 } } },
        stages: { dev: { services: { api: { modules: ['orders'] }, catalog: { modules: ['catalog'] } } } },
      },
      'dev',
      ENV,
    );
    expect(Object.keys(config.services)).toEqual(['api', 'catalog']);
    expect(config.services.api).toMatchObject({ modules: ['orders'], maxTasks: 2, cpu: 256 });
  });
});

describe('loadConfig (the repository root shoestring.config.ts)', () => {
  it('GIVEN the committed config WHEN each stage is loaded THEN dev and prod resolve and validate', async () => {
    const stages = await loadAllStages({ env: ENV });
    expect(stages.map((stage) => stage.stage)).toEqual(['dev', 'prod']);
    const prod = await loadConfig('prod', { env: ENV });
    expect(prod.project).toBe('shoestring');
  });

  it('GIVEN a missing file WHEN loaded THEN it says where it looked and what to do', async () => {
    await expect(loadConfig('dev', { path: '/nonexistent/shoestring.config.ts' })).rejects.toThrow(
      /not found at \/nonexistent.*create it/,
    );
  });
});
