import { MODULE_NAMES, MODULE_SPECS } from '@shoestring/contract';
import { type StageConfig, stageDefaults } from '@shoestring/infra/config';
import { CliError } from '../cli-error.ts';

/** One API process of the local system: a service of the stage's `services`, with `*` spelled out. */
export interface LocalService {
  readonly name: string;
  /** The modules it runs, in the contract's order. */
  readonly modules: readonly string[];
}

/** Where each service listens locally, by service name, e.g. `catalog -> http://127.0.0.1:41234`. */
export type ServiceOrigins = ReadonlyMap<string, string>;

/**
 * The services `npm start` runs for a stage, one API process each, as the compute construct creates one Fargate
 * service each. Without a stage: the config's default services, the single monolith.
 * @throws CliError when a module calls another that no service runs (the API would refuse to start).
 */
export function planServices(stage?: Pick<StageConfig, 'stage' | 'services'>): LocalService[] {
  const services = stage?.services ?? stageDefaults('dev', {}).services;
  const plan = Object.entries(services).map(([name, settings]) => ({
    name,
    modules: settings.modules.includes('*')
      ? [...MODULE_NAMES]
      : MODULE_NAMES.filter((module) => settings.modules.includes(module)),
  }));
  requireCallees(plan, stage?.stage);
  return plan;
}

function requireCallees(plan: readonly LocalService[], stage: string | undefined): void {
  const running = new Set(plan.flatMap((service) => service.modules));
  for (const service of plan) {
    for (const spec of MODULE_SPECS.filter((s) => service.modules.includes(s.name))) {
      const missing = spec.dependsOn.find((callee) => !running.has(callee));
      if (missing) {
        throw new CliError(
          `Stage "${stage}": service ${service.name} runs ${spec.name}, which calls ${missing}, but no service runs ${missing}. Add "${missing}" to the modules of one of the stage's services in shoestring.config.ts.`,
        );
      }
    }
  }
}

/**
 * The environment one service's process gets on top of the common one, as the compute construct's
 * `containerEnvironment` gives a task: its name for telemetry, the modules it runs (`MODULES`, left out when it
 * runs all of them) and where every module of the other services is (`<MODULE>_URL`, the service's address).
 */
export function serviceEnvironment(
  plan: readonly LocalService[],
  service: LocalService,
  origins: ServiceOrigins,
): Record<string, string> {
  const environment: Record<string, string> = { OTEL_SERVICE_NAME: service.name };
  if (service.modules.length < MODULE_NAMES.length) environment.MODULES = service.modules.join(',');
  for (const other of plan) {
    if (other.name === service.name) continue;
    for (const module of other.modules) environment[`${module.toUpperCase()}_URL`] = originOf(other, origins);
  }
  return environment;
}

/** Module name -> the origin of the service that runs it: where the gateway sends each module's paths. */
export function moduleOrigins(
  plan: readonly LocalService[],
  origins: ServiceOrigins,
): Record<string, string> {
  return Object.fromEntries(
    plan.flatMap((service) => service.modules.map((module) => [module, originOf(service, origins)])),
  );
}

/** `orders (orders), catalog (catalog)`: the services in config order, each with its modules. */
export function describeServices(plan: readonly LocalService[]): string {
  return plan.map((service) => `${service.name} (${service.modules.join(', ')})`).join(', ');
}

function originOf(service: LocalService, origins: ServiceOrigins): string {
  const origin = origins.get(service.name);
  if (!origin) throw new Error(`No local address for service ${service.name}`);
  return origin;
}
