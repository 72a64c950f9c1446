import { describe, expect, it } from 'vitest';
import {
  loadAllStages,
  loadConfig,
  PLACEHOLDER_ACCOUNT,
  resolveStage,
  stageNames,
} from '../../src/config/index.ts';

const ENV = { account: '123456789012', region: 'us-east-1' };

describe('config defaults (the cheapest sane choice, as documented in types.ts)', () => {
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
      },
    });
  });

  it('THEN the database is PostgreSQL 17.9 on db.t4g.micro with 20 GB, single-AZ', () => {
    expect(dev.database).toMatchObject({
      engineVersion: '17.9',
      instanceType: 't4g.micro',
      allocatedStorageGb: 20,
      maxAllocatedStorageGb: 50,
      multiAz: false,
      name: 'shoestring',
      username: 'shoestring',
    });
  });

  it('THEN prod keeps backups 7 days with deletion protection and a final snapshot; dev does not', () => {
    expect(prod.database).toMatchObject({
      backupRetentionDays: 7,
      deletionProtection: true,
      snapshotOnDelete: true,
    });
    expect(dev.database).toMatchObject({
      backupRetentionDays: 1,
      deletionProtection: false,
      snapshotOnDelete: false,
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

describe('config merging', () => {
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
