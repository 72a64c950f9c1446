import { MODULE_NAMES } from '@shoestring/contract';
import { Checker } from './checker.ts';
import type { ConfigProblem } from './config-error.ts';
import type { ServiceSettings, StageConfig } from './types.ts';

/** Retention values CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Fargate memory (MiB) allowed per CPU value: [min, max, step]. */
const FARGATE_MEMORY: Record<number, [number, number, number]> = {
  256: [512, 2048, 512],
  512: [1024, 4096, 1024],
  1024: [2048, 8192, 1024],
  2048: [4096, 16384, 1024],
  4096: [8192, 30720, 1024],
  8192: [16384, 61440, 4096],
  16384: [32768, 122880, 8192],
};

/** API Gateway's account-wide defaults (aws-facts: API Gateway "limits"); a stage throttle above them never applies. */
const ACCOUNT_RATE_LIMIT = 10_000;
const ACCOUNT_BURST_LIMIT = 5_000;

const DNS_LABEL = /^[a-z][a-z0-9-]{0,30}$/;
const FQDN = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/;

/** Every rule a resolved stage must satisfy; returns the problems found (empty when valid). */
export function validateStage(config: StageConfig): ConfigProblem[] {
  const check = new Checker(`stages.${config.stage}`);
  check.matches(
    'project',
    config.project,
    /^[a-z][a-z0-9-]{1,20}$/,
    'a lowercase name of 2-21 letters, digits or -',
  );
  check.matches(
    'stage',
    config.stage,
    /^[a-z][a-z0-9]{0,9}$/,
    'a lowercase stage name of 1-10 letters or digits',
  );
  check.matches('account', config.account, /^\d{12}$/, 'the 12-digit AWS account id');
  check.matches('region', config.region, /^[a-z]{2}(-[a-z]+)+-\d$/, 'a region name such as "us-east-1"');
  checkNetwork(check, config);
  checkServices(check, config);
  checkDatabase(check, config);
  checkApiAndEdge(check, config);
  checkObservability(check, config);
  checkDelivery(check, config);
  for (const [field, value] of Object.entries(config.usage)) check.nonNegative(`usage.${field}`, value);
  if (config.usage.traceSampleRate > 1)
    check.fail('usage.traceSampleRate', 'use a share from 0 to 1, e.g. 0.05');
  if (config.usage.prometheusScrapeIntervalSeconds === 0)
    check.fail('usage.prometheusScrapeIntervalSeconds', 'use a number of seconds above 0');
  return check.problems;
}

function checkNetwork(check: Checker, { network, region }: StageConfig): void {
  check.matches(
    'network.cidr',
    network.cidr,
    /^(\d{1,3}\.){3}\d{1,3}\/(1[6-9]|2[0-1])$/,
    'an IPv4 CIDR from /16 to /21',
  );
  const zones = network.availabilityZones;
  if (zones.length !== 2 || new Set(zones).size !== 2 || zones.some((zone) => !zone.startsWith(region))) {
    check.fail(
      'network.availabilityZones',
      `got ${JSON.stringify(zones)}; list two different AZs of ${region}`,
    );
  }
  check.oneOf('network.buildEgress', network.buildEgress, [
    'nat-instance',
    'endpoints',
    'none',
    'nat-gateway',
  ]);
  check.matches(
    'network.natInstanceType',
    network.natInstanceType,
    /^[a-z]\d+g[a-z]*\.[a-z0-9]+$/,
    'an ARM (Graviton) type such as "t4g.nano"',
  );
  check.matches(
    'network.natImage',
    network.natImage,
    /^(pinned|latest|ami-[0-9a-f]{8,17})$/,
    '"pinned", "latest" or an AMI id such as "ami-0123456789abcdef0"',
  );
}

function checkServices(check: Checker, { services }: StageConfig): void {
  const entries = Object.entries(services);
  if (entries.length === 0)
    check.fail('services', 'define at least one service, e.g. { api: { modules: ["*"] } }');
  const owners = new Map<string, string>();
  for (const [name, service] of entries) {
    const at = `services.${name}`;
    if (!DNS_LABEL.test(name)) check.fail(at, 'service names are lowercase DNS labels (letters, digits, -)');
    checkModules(check, at, service, entries.length, owners, name);
    checkTaskSize(check, at, service);
    check.integer(`${at}.minTasks`, service.minTasks, 1, 100);
    check.integer(
      `${at}.maxTasks`,
      service.maxTasks,
      Math.max(1, service.minTasks),
      100,
      'at least minTasks',
    );
    check.integer(`${at}.cpuTargetPercent`, service.cpuTargetPercent, 10, 95);
    check.integer(`${at}.memoryTargetPercent`, service.memoryTargetPercent, 10, 95);
    check.oneOf(`${at}.routingPolicy`, service.routingPolicy, ['multivalue', 'weighted']);
  }
}

function checkModules(
  check: Checker,
  at: string,
  service: ServiceSettings,
  serviceCount: number,
  owners: Map<string, string>,
  name: string,
): void {
  if (service.modules.length === 0)
    check.fail(`${at}.modules`, 'list the modules this service runs, or ["*"] for all');
  for (const module of service.modules) {
    if (module === '*') {
      if (serviceCount > 1)
        check.fail(`${at}.modules`, '"*" needs a single service; with several, list each module');
      continue;
    }
    if (!/^[a-z][a-z0-9]*$/.test(module))
      check.fail(`${at}.modules`, `"${module}" is not a module name (lowercase letters, digits)`);
    else if (!MODULE_NAMES.includes(module))
      check.fail(
        `${at}.modules`,
        `unknown module "${module}"; the API's modules are ${MODULE_NAMES.map((m) => `"${m}"`).join(', ')}, or "*" for all`,
      );
    const owner = owners.get(module);
    if (owner)
      check.fail(`${at}.modules`, `module "${module}" is already run by service "${owner}"; keep it in one`);
    owners.set(module, name);
  }
}

function checkTaskSize(check: Checker, at: string, service: ServiceSettings): void {
  const range = FARGATE_MEMORY[service.cpu];
  if (!range) {
    check.fail(
      `${at}.cpu`,
      `got ${service.cpu}; use a Fargate CPU value: ${Object.keys(FARGATE_MEMORY).join(', ')}`,
    );
  } else {
    const [min, max, step] = range;
    const memory = service.memoryMiB;
    if (memory < min || memory > max || (memory - min) % step !== 0) {
      check.fail(
        `${at}.memoryMiB`,
        `got ${memory}; with cpu ${service.cpu} use ${min} to ${max} in steps of ${step}`,
      );
    }
  }
  check.oneOf(`${at}.architecture`, service.architecture, ['arm64', 'x86_64']);
  check.integer(`${at}.spotPercent`, service.spotPercent, 0, 100);
  if (service.spotPercent > 0 && service.architecture !== 'x86_64') {
    check.fail(
      `${at}.spotPercent`,
      'Fargate Spot runs x86 only; set architecture: "x86_64" or spotPercent: 0',
    );
  }
}

function checkDatabase(check: Checker, { database, secrets }: StageConfig): void {
  check.matches(
    'database.engineVersion',
    database.engineVersion,
    /^1[4-9]\.\d+$/,
    'a pinned PostgreSQL version such as "17.9"',
  );
  check.matches(
    'database.instanceType',
    database.instanceType,
    /^[a-z][a-z0-9]*\.[a-z0-9]+$/,
    'a class without "db.", e.g. "t4g.micro"',
  );
  check.integer('database.allocatedStorageGb', database.allocatedStorageGb, 20, 65536, 'gp3 minimum is 20');
  check.integer(
    'database.maxAllocatedStorageGb',
    database.maxAllocatedStorageGb,
    database.allocatedStorageGb,
    65536,
    'at least allocatedStorageGb',
  );
  check.integer('database.backupRetentionDays', database.backupRetentionDays, 0, 35);
  check.matches('database.name', database.name, /^[a-z][a-z0-9_]{0,62}$/, 'a lowercase identifier');
  check.matches(
    'database.username',
    database.username,
    /^(?!postgres$|rdsadmin$|admin$)[a-z][a-z0-9_]{0,15}$/,
    'a lowercase identifier other than postgres, rdsadmin or admin',
  );
  check.oneOf('secrets.store', secrets.store, ['ssm', 'secretsmanager']);
  check.integer('secrets.rotationDays', secrets.rotationDays, 0, 365);
}

function checkApiAndEdge(check: Checker, { api, edge, region }: StageConfig): void {
  check.integer(
    'api.throttle.rateLimit',
    api.throttle.rateLimit,
    1,
    ACCOUNT_RATE_LIMIT,
    'the account limit is 10,000 rps',
  );
  check.integer(
    'api.throttle.burstLimit',
    api.throttle.burstLimit,
    1,
    ACCOUNT_BURST_LIMIT,
    'the account burst is 5,000',
  );
  if (api.jwt) {
    check.matches('api.jwt.issuer', api.jwt.issuer, /^https:\/\/\S+$/, 'the issuer https URL');
    if (api.jwt.audience.length === 0)
      check.fail('api.jwt.audience', 'list at least one audience (client id)');
  }
  for (const origin of api.corsOrigins) {
    check.matches(
      'api.corsOrigins',
      origin,
      /^(\*|https?:\/\/[a-z0-9.-]+(:\d+)?)$/,
      '"*" or an origin like "https://example.com" (no path)',
    );
  }
  if (api.domain) checkDomain(check, 'api.domain', api.domain, region);
  check.oneOf('edge.priceClass', edge.priceClass, ['PriceClass_100', 'PriceClass_200', 'PriceClass_All']);
  if (edge.domain) checkDomain(check, 'edge.domain', edge.domain, 'us-east-1');
}

function checkDomain(
  check: Checker,
  field: string,
  domain: { name: string; certificateArn: string },
  region: string,
) {
  check.matches(`${field}.name`, domain.name, FQDN, 'a lowercase domain name such as "app.example.com"');
  const certificate = new RegExp(`^arn:aws:acm:${region}:\\d{12}:certificate/[\\w-]+$`);
  check.matches(
    `${field}.certificateArn`,
    domain.certificateArn,
    certificate,
    `an ACM certificate ARN in ${region}`,
  );
}

function checkObservability(check: Checker, { observability }: StageConfig): void {
  check.oneOf('observability.metrics', observability.metrics, ['cloudwatch', 'prometheus']);
  check.oneOf('observability.dashboards', observability.dashboards, ['cloudwatch', 'grafana']);
  check.oneOf('observability.logRetentionDays', observability.logRetentionDays, LOG_RETENTION_DAYS);
  if (observability.alarmEmail !== undefined) {
    check.matches(
      'observability.alarmEmail',
      observability.alarmEmail,
      /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
      'an email address',
    );
  }
  for (const [field, value] of Object.entries(observability.alarms)) {
    const isPercent = field.endsWith('Percent');
    if (typeof value !== 'number' || value <= 0 || (isPercent && value > 100)) {
      check.fail(
        `observability.alarms.${field}`,
        `got ${JSON.stringify(value)}; use a number above 0${isPercent ? ' and at most 100' : ''}`,
      );
    }
  }
}

function checkDelivery(check: Checker, { pipeline, migrations, network }: StageConfig): void {
  check.matches('pipeline.repository', pipeline.repository, /^[\w.-]+\/[\w.-]+$/, '"owner/name"');
  check.matches('pipeline.branch', pipeline.branch, /^[\w./-]+$/, 'a branch name');
  if (pipeline.connectionArn !== undefined) {
    check.matches(
      'pipeline.connectionArn',
      pipeline.connectionArn,
      /^arn:aws:(codestar-connections|codeconnections):[a-z0-9-]+:\d{12}:connection\/[\w-]+$/,
      'a CodeStar Connections ARN (console: Developer Tools > Connections)',
    );
  }
  check.oneOf('migrations.runner', migrations.runner, ['codebuild-vpc', 'fargate-task']);
  check.oneOf('migrations.computeType', migrations.computeType, ['small', 'medium', 'large']);
  if (migrations.runner === 'codebuild-vpc' && network.buildEgress === 'none') {
    check.fail(
      'network.buildEgress',
      'CodeBuild in a VPC needs egress; use "nat-instance" or "endpoints", or set migrations.runner: "fargate-task"',
    );
  }
}
