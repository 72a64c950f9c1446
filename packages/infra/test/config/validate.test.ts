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
    /512 to 2048/,
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
  ['engine version pinned', { database: { engineVersion: '17' } }, 'database.engineVersion', /pinned/],
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
    { observability: { logRetentionDays: 10 } },
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
