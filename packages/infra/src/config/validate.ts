import { MODULE_NAMES } from '@shoestring/contract';
import { Checker } from './checker.ts';
import type { ConfigProblem } from './config-error.ts';
import { FARGATE_MEMORY } from './schema/service.ts';
import type { CustomDomainSettings, ServiceSettings, StageConfig } from './types.ts';
import { supportedList, VPC_LINK_ZONES_SOURCE, vpcLinkZoneSupport } from './vpc-link-zones.ts';

export { LOG_RETENTION_DAYS } from './schema/observability.ts';

const DNS_LABEL = /^[a-z][a-z0-9-]{0,30}$/;
const MODULE_NAME = /^[a-z][a-z0-9]*$/;

/**
 * The rules across fields that a schema cannot say (each field alone is checked by the schema first). Runs on a
 * stage that may still have schema problems, so every rule tolerates a field of the wrong type.
 */
export function validateStage(config: StageConfig): ConfigProblem[] {
  const check = new Checker(`stages.${config.stage}`);
  checkZones(check, config);
  checkServices(check, config);
  checkDatabase(check, config);
  if (config.api.domain) checkCertificate(check, 'api.domain', config.api.domain, config.region);
  if (config.edge.domain) checkCertificate(check, 'edge.domain', config.edge.domain, 'us-east-1');
  if (config.migrations.runner === 'codebuild-vpc' && config.network.buildEgress === 'none') {
    check.fail(
      'network.buildEgress',
      'got "none" with migrations.runner "codebuild-vpc"; use "nat-instance" or "endpoints" (CodeBuild in a VPC ' +
        'needs egress), or set migrations.runner: "fargate-task"',
    );
  }
  return check.problems;
}

function checkZones(check: Checker, { network, region }: StageConfig): void {
  const zones = network.availabilityZones;
  if (!Array.isArray(zones)) return;
  if (zones.length !== 2 || new Set(zones).size !== 2 || zones.some((zone) => !zone.startsWith(region))) {
    check.fail(
      'network.availabilityZones',
      `got ${JSON.stringify(zones)}; use two different AZs of ${region}, e.g. ["${region}a", "${region}b"]`,
    );
  }
  const ids = network.availabilityZoneIds;
  if (!Array.isArray(ids)) return;
  if (ids.length !== zones.length || new Set(ids).size !== ids.length) {
    check.fail(
      'network.availabilityZoneIds',
      `got ${JSON.stringify(ids)}; use one distinct zone id per name of network.availabilityZones, in order`,
    );
  }
  for (const id of ids) {
    if (vpcLinkZoneSupport(region, id) === 'unsupported') {
      check.fail(
        'network.availabilityZoneIds',
        `got "${id}", where HTTP API VPC links are not offered; use ids of ${supportedList(region)} ` +
          `(${VPC_LINK_ZONES_SOURCE})`,
      );
    }
  }
}

function checkServices(check: Checker, { services, pipeline }: StageConfig): void {
  const entries = Object.entries(services ?? {});
  const owners = new Map<string, string>();
  for (const [name, service] of entries) {
    const at = `services.${name}`;
    if (!DNS_LABEL.test(name)) {
      check.fail(at, `got "${name}"; use lowercase letters, digits and - (service names are DNS labels)`);
    }
    if (!service || typeof service !== 'object') continue;
    if (Array.isArray(service.modules))
      checkModules(check, at, service.modules, entries.length, owners, name);
    checkTaskSize(check, at, service);
    if (service.maxTasks < service.minTasks) {
      check.fail(`${at}.maxTasks`, `got ${service.maxTasks}; use at least minTasks (${service.minTasks})`);
    }
    const [firstName, first] = entries[0] ?? [];
    if (pipeline.connectionArn && first && service.architecture !== first.architecture) {
      check.fail(
        `${at}.architecture`,
        `got "${service.architecture}" while service "${firstName}" runs "${first.architecture}"; use one ` +
          'architecture for every service (the pipeline builds one image for all of them), or no pipeline',
      );
    }
  }
}

function checkModules(
  check: Checker,
  at: string,
  modules: readonly string[],
  serviceCount: number,
  owners: Map<string, string>,
  name: string,
): void {
  const field = `${at}.modules`;
  for (const module of modules) {
    if (module === '*') {
      if (serviceCount > 1)
        check.fail(field, 'got "*" with several services; use a single service for "*", or list each module');
      continue;
    }
    if (!MODULE_NAME.test(module)) {
      check.fail(field, `got "${module}", which is not a module name; use lowercase letters and digits`);
    } else if (!MODULE_NAMES.includes(module)) {
      check.fail(
        field,
        `got unknown module "${module}"; use the API's modules ${MODULE_NAMES.map((m) => `"${m}"`).join(', ')}, or "*" for all`,
      );
    }
    const owner = owners.get(module);
    if (owner) check.fail(field, `got module "${module}", already run by service "${owner}"; keep it in one`);
    owners.set(module, name);
  }
}

/** Fargate allows only the memory sizes of AWS's table for each CPU value; Spot runs only x86. */
function checkTaskSize(check: Checker, at: string, service: ServiceSettings): void {
  const allowed = FARGATE_MEMORY[service.cpu];
  if (allowed && !allowed.includes(service.memoryMiB)) {
    check.fail(
      `${at}.memoryMiB`,
      `got ${JSON.stringify(service.memoryMiB)} with cpu ${service.cpu}; use ${memoryChoices(allowed)}`,
    );
  }
  if (service.spotPercent > 0 && service.architecture !== 'x86_64') {
    check.fail(
      `${at}.spotPercent`,
      `got ${service.spotPercent} on ${service.architecture}; use architecture: "x86_64" (Fargate Spot runs ` +
        'x86 only) or spotPercent: 0',
    );
  }
}

/** `512, 1024 or 2048`, or `1024 to 4096 in steps of 1024` when the sizes are evenly spaced. */
export function memoryChoices(sizes: readonly number[]): string {
  const step = (sizes[1] ?? 0) - (sizes[0] ?? 0);
  const even = sizes.length > 3 && sizes.every((size, i) => i === 0 || size - (sizes[i - 1] ?? 0) === step);
  if (even) return `${sizes[0]} to ${sizes.at(-1)} in steps of ${step}`;
  return `${sizes.slice(0, -1).join(', ')} or ${sizes.at(-1)}`;
}

function checkDatabase(check: Checker, { database }: StageConfig): void {
  if (database.maxAllocatedStorageGb < database.allocatedStorageGb) {
    check.fail(
      'database.maxAllocatedStorageGb',
      `got ${database.maxAllocatedStorageGb}; use at least allocatedStorageGb (${database.allocatedStorageGb})`,
    );
  }
  const pinnedMinor = typeof database.engineVersion === 'string' && database.engineVersion.includes('.');
  if (pinnedMinor && database.autoMinorVersionUpgrade) {
    const major = database.engineVersion.split('.')[0];
    check.fail(
      'database.engineVersion',
      `got "${database.engineVersion}" with autoMinorVersionUpgrade on; use "${major}" (RDS picks and upgrades ` +
        'the minor), or set autoMinorVersionUpgrade: false to keep the minor pinned',
    );
  }
}

function checkCertificate(check: Checker, field: string, domain: CustomDomainSettings, region: string): void {
  const certificate = new RegExp(`^arn:aws:acm:${region}:\\d{12}:certificate/[\\w-]+$`);
  if (!certificate.test(domain.certificateArn)) {
    check.fail(
      `${field}.certificateArn`,
      `got ${JSON.stringify(domain.certificateArn)}; use an ACM certificate ARN in ${region}`,
    );
  }
}
