import { describe, expect, it } from 'vitest';
import { ConfigError, resolveStage } from '../../src/config/index.ts';
import type { StageSettingsInput } from '../../src/config/types.ts';

const ENV = { account: '123456789012', region: 'us-east-1' };
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123';

/** Resolves a dev stage with `settings` and returns the ConfigError message (or fails the test). */
function problemsOf(settings: StageSettingsInput, project?: string): string {
  try {
    resolveStage({ project, stages: { dev: settings } }, 'dev', ENV);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

// Each rule: GIVEN a config breaking it, WHEN resolved, THEN the error names the field and says what to write.
const RULES: [rule: string, settings: StageSettingsInput, field: string, fix: RegExp][] = [
  ['account is 12 digits', { account: '1234' }, 'stages.dev.account', /12-digit/],
  ['region is a region name', { region: 'Virginia' }, 'stages.dev.region', /us-east-1/],
  ['cidr is /16 to /21', { network: { cidr: '10.0.0.0/24' } }, 'network.cidr', /\/16 to \/21/],
  [
    'two AZs of the region',
    { network: { availabilityZones: ['us-east-1a'] } },
    'network.availabilityZones',
    /two different AZs/,
  ],
  [
    'AZs belong to the region',
    { network: { availabilityZones: ['eu-west-1a', 'eu-west-1b'] } },
    'network.availabilityZones',
    /us-east-1/,
  ],
  [
    'zone ids are ones AWS offers VPC links in (use1-az3 is not)',
    { network: { availabilityZoneIds: ['use1-az1', 'use1-az3'] } },
    'network.availabilityZoneIds',
    /"use1-az3", where HTTP API VPC links are not offered; use ids of use1-az1, use1-az2, use1-az4/,
  ],
  [
    'one zone id per zone name',
    { network: { availabilityZoneIds: ['use1-az1'] } },
    'network.availabilityZoneIds',
    /one distinct zone id per name/,
  ],
  [
    'zone ids look like ids',
    { network: { availabilityZoneIds: ['us-east-1a', 'use1-az2'] } },
    'network.availabilityZoneIds',
    /use1-az1/,
  ],
  [
    'buildEgress is known',
    { network: { buildEgress: 'vpn' as never } },
    'network.buildEgress',
    /"nat-instance"/,
  ],
  ['NAT instance is ARM', { network: { natInstanceType: 't3.nano' } }, 'network.natInstanceType', /Graviton/],
  [
    'NAT image is pinned, latest or an AMI',
    { network: { natImage: 'al2023' } },
    'network.natImage',
    /"pinned"/,
  ],
  ['at least one service', { services: {} }, 'services', /at least one service/],
  ['service names are DNS labels', { services: { Api_1: {} } }, 'services.Api_1', /DNS labels/],
  ['modules listed', { services: { api: { modules: [] } } }, 'services.api.modules', /list the modules/],
  [
    '"*" only alone',
    { services: { api: {}, catalog: { modules: ['catalog'] } } },
    'services.api.modules',
    /single service/,
  ],
  [
    'module names',
    { services: { api: { modules: ['Orders!'] } } },
    'services.api.modules',
    /not a module name/,
  ],
  [
    'a module in one service',
    { services: { api: { modules: ['orders'] }, web: { modules: ['orders'] } } },
    'services.web.modules',
    /already run by service "api"/,
  ],
  ['Fargate CPU value', { services: { api: { cpu: 300 } } }, 'services.api.cpu', /Fargate CPU value/],
  [
    'Fargate memory for the CPU',
    { services: { api: { memoryMiB: 4096 } } },
    'services.api.memoryMiB',
    /with cpu 256; use 512, 1024 or 2048$/,
  ],
  [
    '256 CPU takes no 1536 MiB (AWS lists 512, 1024, 2048)',
    { services: { api: { memoryMiB: 1536 } } },
    'services.api.memoryMiB',
    /got 1536 with cpu 256; use 512, 1024 or 2048/,
  ],
  [
    "memory in the CPU's steps",
    { services: { api: { cpu: 8192, memoryMiB: 18432 } } },
    'services.api.memoryMiB',
    /16384 to 61440 in steps of 4096/,
  ],
  [
    'drain fits the ECS stop timeout',
    { services: { api: { drainSeconds: 110 } } },
    'services.api.drainSeconds',
    /0 to 100 \(ECS stops a task at most 120 s after SIGTERM/,
  ],
  [
    'architecture known',
    { services: { api: { architecture: 'arm' as never } } },
    'services.api.architecture',
    /"arm64"/,
  ],
  [
    'spotPercent 0-100',
    { services: { api: { architecture: 'x86_64', spotPercent: 120 } } },
    'services.api.spotPercent',
    /0 to 100/,
  ],
  [
    'one architecture for every service the pipeline builds (one image)',
    {
      services: { api: { modules: ['orders'] }, catalog: { modules: ['catalog'], architecture: 'x86_64' } },
      pipeline: { connectionArn: 'arn:aws:codestar-connections:us-east-1:123456789012:connection/abc-1' },
    },
    'services.catalog.architecture',
    /got "x86_64" while service "api" runs "arm64"; use one architecture/,
  ],
  ['Spot is x86 only', { services: { api: { spotPercent: 50 } } }, 'services.api.spotPercent', /x86 only/],
  ['minTasks at least 1', { services: { api: { minTasks: 0 } } }, 'services.api.minTasks', /1 to 100/],
  [
    'maxTasks at least minTasks',
    { services: { api: { minTasks: 3, maxTasks: 2 } } },
    'services.api.maxTasks',
    /at least minTasks/,
  ],
  [
    'cpu target 10-95',
    { services: { api: { cpuTargetPercent: 99 } } },
    'services.api.cpuTargetPercent',
    /10 to 95/,
  ],
  [
    'memory target 10-95',
    { services: { api: { memoryTargetPercent: 5 } } },
    'services.api.memoryTargetPercent',
    /10 to 95/,
  ],
  [
    'routing policy known',
    { services: { api: { routingPolicy: 'simple' as never } } },
    'services.api.routingPolicy',
    /"multivalue"/,
  ],
  [
    'engine version is a PostgreSQL version',
    { database: { engineVersion: 'latest' } },
    'database.engineVersion',
    /got "latest"; use a PostgreSQL major version such as "17"/,
  ],
  [
    'a pinned minor needs automatic minor upgrades off',
    { database: { engineVersion: '17.9' } },
    'database.engineVersion',
    /use "17".*or set autoMinorVersionUpgrade: false/,
  ],
  [
    'a boolean is true or false',
    { database: { multiAz: 'yes' as never } },
    'database.multiAz',
    /got "yes"; use true or false/,
  ],
  [
    'instance class without db.',
    { database: { instanceType: 'db.t4g.micro' } },
    'database.instanceType',
    /without "db."/,
  ],
  [
    'storage at least 20 GB',
    { database: { allocatedStorageGb: 10 } },
    'database.allocatedStorageGb',
    /gp3 minimum/,
  ],
  [
    'max storage at least allocated',
    { database: { maxAllocatedStorageGb: 10 } },
    'database.maxAllocatedStorageGb',
    /at least allocatedStorageGb/,
  ],
  ['backups 0-35 days', { database: { backupRetentionDays: 40 } }, 'database.backupRetentionDays', /0 to 35/],
  ['database name', { database: { name: 'My-DB' } }, 'database.name', /lowercase identifier/],
  [
    'username not reserved',
    { database: { username: 'postgres' } },
    'database.username',
    /other than postgres/,
  ],
  ['secret store known', { secrets: { store: 'vault' as never } }, 'secrets.store', /"ssm"/],
  ['rotation 0-365 days', { secrets: { rotationDays: 400 } }, 'secrets.rotationDays', /0 to 365/],
  [
    'rate below the account limit',
    { api: { throttle: { rateLimit: 20_000 } } },
    'api.throttle.rateLimit',
    /10,000/,
  ],
  [
    'burst below the account limit',
    { api: { throttle: { burstLimit: 6_000 } } },
    'api.throttle.burstLimit',
    /5,000/,
  ],
  [
    'JWT issuer is https',
    { api: { jwt: { issuer: 'http://x', audience: ['a'] } } },
    'api.jwt.issuer',
    /https URL/,
  ],
  [
    'JWT audience given',
    { api: { jwt: { issuer: 'https://x', audience: [] } } },
    'api.jwt.audience',
    /at least one audience/,
  ],
  [
    'a JWKS URL is https',
    { api: { jwt: { issuer: 'https://x', audience: ['a'], jwksUrl: 'http://x/keys' } } },
    'api.jwt.jwksUrl',
    /https URL of the JWKS/,
  ],
  [
    'a Cognito plan that exists',
    { auth: { featurePlan: 'plus' as 'lite' } },
    'auth.featurePlan',
    /"lite", "essentials"|lite, essentials|"lite" or "essentials"/,
  ],
  [
    'a hosted UI prefix Cognito accepts',
    { auth: { domainPrefix: 'my-aws-shop' } },
    'auth.domainPrefix',
    /without "aws"/,
  ],
  [
    'callback URLs are https or localhost',
    { auth: { callbackUrls: ['http://shop.example.com/'] } },
    'auth.callbackUrls',
    /only for localhost/,
  ],
  [
    'a required field of an optional section',
    { api: { jwt: { issuer: 'https://x' } as never } },
    'api.jwt.audience',
    /got nothing; use a list of at least one audience/,
  ],
  [
    'CORS origins have no path',
    { api: { corsOrigins: ['https://a.com/app'] } },
    'api.corsOrigins',
    /no path/,
  ],
  [
    'API domain name',
    { api: { domain: { name: 'Not A Domain', certificateArn: CERT } } },
    'api.domain.name',
    /domain name/,
  ],
  [
    'API certificate in region',
    { api: { domain: { name: 'api.a.com', certificateArn: CERT.replace('us-east-1', 'eu-west-1') } } },
    'api.domain.certificateArn',
    /in us-east-1/,
  ],
  [
    'edge certificate in us-east-1',
    {
      region: 'eu-west-1',
      edge: { domain: { name: 'a.com', certificateArn: CERT.replace('us-east-1', 'eu-west-1') } },
    },
    'edge.domain.certificateArn',
    /in us-east-1/,
  ],
  [
    'price class known',
    { edge: { priceClass: 'PriceClass_50' as never } },
    'edge.priceClass',
    /PriceClass_100/,
  ],
  [
    'metrics backend known',
    { observability: { metrics: 'datadog' as never } },
    'observability.metrics',
    /"prometheus"/,
  ],
  [
    'dashboards backend known',
    { observability: { dashboards: 'kibana' as never } },
    'observability.dashboards',
    /"grafana"/,
  ],
  [
    'retention is a CloudWatch value',
    { observability: { logRetentionDays: 10 as never } },
    'observability.logRetentionDays',
    /14/,
  ],
  ['alarm email', { observability: { alarmEmail: 'ops' } }, 'observability.alarmEmail', /email address/],
  [
    'alarm thresholds positive',
    { observability: { alarms: { rdsConnections: 0 } } },
    'observability.alarms.rdsConnections',
    /above 0/,
  ],
  [
    'alarm percents at most 100',
    { observability: { alarms: { taskCpuPercent: 150 } } },
    'observability.alarms.taskCpuPercent',
    /at most 100/,
  ],
  ['repository owner/name', { pipeline: { repository: 'shoestring' } }, 'pipeline.repository', /owner\/name/],
  ['branch name', { pipeline: { branch: 'my branch' } }, 'pipeline.branch', /branch name/],
  [
    'connection ARN',
    { pipeline: { connectionArn: 'github' } },
    'pipeline.connectionArn',
    /CodeStar Connections ARN/,
  ],
  [
    'migration runner known',
    { migrations: { runner: 'lambda' as never } },
    'migrations.runner',
    /"fargate-task"/,
  ],
  [
    'compute type known',
    { migrations: { computeType: 'xlarge' as never } },
    'migrations.computeType',
    /"medium"/,
  ],
  [
    'CodeBuild in a VPC needs egress',
    { network: { buildEgress: 'none' } },
    'network.buildEgress',
    /fargate-task/,
  ],
  ['usage is not negative', { usage: { requestsPerMonth: -1 } }, 'usage.requestsPerMonth', /0 or more/],
  ['trace sample rate is a share', { usage: { traceSampleRate: 5 } }, 'usage.traceSampleRate', /0 to 1/],
  [
    'scrape interval above 0',
    { usage: { prometheusScrapeIntervalSeconds: 0 } },
    'usage.prometheusScrapeIntervalSeconds',
    /above 0/,
  ],
  [
    'unknown fields are typos',
    { network: { buildEgres: 'none' } as never },
    'network.buildEgres',
    /unknown field.*buildEgress/,
  ],
  [
    'unknown sections are typos',
    { netwrok: {} } as never,
    'stages.dev.netwrok',
    /unknown field \(got \{\}\); use one of account, region, network,/,
  ],
  [
    'unknown service fields',
    { services: { api: { memory: 512 } as never } },
    'services.api.memory',
    /unknown field.*memoryMiB/,
  ],
];

describe('config validation', () => {
  it.each(RULES)(
    'GIVEN a config that breaks "%s" WHEN resolved THEN it throws naming the field and the fix',
    (_rule, settings, field, fix) => {
      const message = problemsOf(settings);
      const line = message.split('\n').find((text) => text.includes(`${field}:`));
      expect(line, message).toBeDefined();
      expect(line).toMatch(fix);
    },
  );

  it('GIVEN a bad project name WHEN resolved THEN it throws naming project', () => {
    expect(problemsOf({}, 'My Project')).toMatch(/stages\.dev\.project: .*lowercase/);
  });

  it('GIVEN several problems WHEN resolved THEN one error lists them all', () => {
    const message = problemsOf({ account: 'x', database: { allocatedStorageGb: 1 } });
    expect(message).toMatch(/account/);
    expect(message).toMatch(/allocatedStorageGb/);
  });

  it('GIVEN a stage the file does not define WHEN resolved THEN it throws listing the stages', () => {
    expect(() => resolveStage({ stages: { dev: {} } }, 'qa', ENV)).toThrow(/no stage "qa"; use one of dev/);
  });

  it('GIVEN a valid split into two services WHEN resolved THEN it does not throw', () => {
    const settings = { services: { api: { modules: ['orders'] }, catalog: { modules: ['catalog'] } } };
    expect(() => resolveStage({ stages: { dev: settings } }, 'dev', ENV)).not.toThrow();
  });
});

describe('config problems are one line each: the field, what it got and what to use', () => {
  it('GIVEN many mistakes at once WHEN resolved THEN every line reads "<field>: got <value>; use <fix>"', () => {
    const message = problemsOf({
      account: 'x',
      network: { cidr: '10/8', buildEgres: 'none' } as never,
      services: { api: { cpu: 256, memoryMiB: 1536, spotPercent: 10 } },
      database: { backupRetentionDays: 99, engineVersion: '17.9' },
      usage: { traceSampleRate: 2 },
    });
    const lines = message.split('\n').slice(1);
    expect(lines.length).toBe(8);
    for (const line of lines)
      expect(line).toMatch(/^ {2}- stages\.dev\.[\w.]+: (unknown field \()?got .+\)?; use .+/);
  });

  it('GIVEN a typo in shared WHEN a stage is resolved THEN the problem names shared, where the user wrote it', () => {
    expect(() =>
      resolveStage({ shared: { database: { multiAZ: true } as never }, stages: { dev: {} } }, 'dev', ENV),
    ).toThrow(/shared\.database\.multiAZ: unknown field \(got true\); use one of .*multiAz/);
  });

  it('GIVEN an unknown key at the top of the file WHEN resolved THEN it names it and the known keys', () => {
    expect(() => resolveStage({ stage: { dev: {} } } as never, 'dev', ENV)).toThrow(
      /stage: unknown field at the top of the file; use one of project, shared, stages/,
    );
  });

  it('GIVEN a module the API does not have WHEN resolved THEN the error lists the known modules', () => {
    expect(problemsOf({ services: { api: { modules: ['order'] } } })).toMatch(
      /services\.api\.modules: got unknown module "order"; use the API's modules "catalog", .*"orders"/,
    );
  });
});

/** AWS's Fargate table (ECS developer guide, "Task CPU and memory"), written out here independently of the code. */
const AWS_FARGATE_TABLE: [cpu: number, memory: number[]][] = [
  [256, [512, 1024, 2048]],
  [512, sizes(1024, 4096, 1024)],
  [1024, sizes(2048, 8192, 1024)],
  [2048, sizes(4096, 16384, 1024)],
  [4096, sizes(8192, 30720, 1024)],
  [8192, sizes(16384, 61440, 4096)],
  [16384, sizes(32768, 122880, 8192)],
];

function sizes(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let size = from; size <= to; size += step) out.push(size);
  return out;
}

describe("Fargate task sizes follow AWS's exact table", () => {
  const accepts = (cpu: number, memoryMiB: number) => {
    try {
      resolveStage({ stages: { dev: { services: { api: { cpu, memoryMiB } } } } }, 'dev', ENV);
      return true;
    } catch (error) {
      expect((error as Error).message).toMatch(/services\.api\.memoryMiB: got \d+ with cpu \d+; use/);
      return false;
    }
  };

  it.each(AWS_FARGATE_TABLE)(
    'GIVEN cpu %i WHEN each memory size from 512 MiB to 120 GiB in 512 steps is tried THEN exactly the listed ones pass',
    (cpu, allowed) => {
      const accepted = sizes(512, 122880, 512).filter((memoryMiB) => accepts(cpu, memoryMiB));
      expect(accepted).toEqual(allowed);
    },
  );
});
