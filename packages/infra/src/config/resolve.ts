import { Checker } from './checker.ts';
import { ConfigError, type ConfigProblem } from './config-error.ts';
import { DEFAULT_PROJECT, DEFAULT_STAGES, SERVICE_DEFAULTS, stageDefaults } from './defaults.ts';
import type {
  ServiceSettings,
  ShoestringConfigInput,
  StageConfig,
  StageSettings,
  StageSettingsInput,
} from './types.ts';
import { validateStage } from './validate.ts';

/** Where defaults come from besides the file: the CDK CLI's `CDK_DEFAULT_ACCOUNT` / `CDK_DEFAULT_REGION`. */
export interface ConfigEnvironment {
  readonly account?: string;
  readonly region?: string;
}

/** Identity helper that gives `shoestring.config.ts` type checking and editor completion. */
export function defineConfig(config: ShoestringConfigInput): ShoestringConfigInput {
  return config;
}

/** The stage names a config defines (`dev` and `prod` when it lists none). */
export function stageNames(input: ShoestringConfigInput): string[] {
  return Object.keys(input.stages ?? {}).length > 0 ? Object.keys(input.stages ?? {}) : [...DEFAULT_STAGES];
}

/**
 * Merges defaults, `shared` and the stage's settings, then validates.
 * @throws ConfigError naming every invalid field and its fix.
 */
export function resolveStage(
  input: ShoestringConfigInput,
  stage: string,
  env: ConfigEnvironment = {},
): StageConfig {
  const names = stageNames(input);
  if (!names.includes(stage)) {
    throw new ConfigError([
      { field: 'stages', fix: `no stage "${stage}"; use one of ${names.join(', ')} or add it` },
    ]);
  }
  const stageInput = input.stages?.[stage] ?? {};
  const keyProblems = [...unknownKeys('shared', input.shared), ...unknownKeys(`stages.${stage}`, stageInput)];
  const defaults = stageDefaults(stage, env);
  const merged = mergeSettings(mergeSettings(defaults, input.shared ?? {}), stageInput);
  const config: StageConfig = { ...merged, project: input.project ?? DEFAULT_PROJECT, stage };
  const problems = [...keyProblems, ...validateStage(config)];
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function mergeSettings(base: StageSettings, override: StageSettingsInput): StageSettings {
  const merged = deepMerge(base, { ...override, services: undefined }) as StageSettings;
  const services = override.services ? withServiceDefaults(override.services) : base.services;
  return { ...merged, services };
}

function withServiceDefaults(
  services: Record<string, Partial<ServiceSettings>>,
): Record<string, ServiceSettings> {
  return Object.fromEntries(
    Object.entries(services).map(([name, service]) => [name, { ...SERVICE_DEFAULTS, ...service }]),
  );
}

/** Plain objects merge key by key; arrays and scalars replace; `undefined` keeps the base. */
function deepMerge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) result[key] = deepMerge(base[key], value);
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Optional fields with no default, so absent from `stageDefaults` but still valid. */
const OPTIONAL_FIELDS: Record<string, readonly string[]> = {
  auth: ['domainPrefix'],
  api: ['jwt', 'domain'],
  edge: ['domain'],
  observability: ['alarmEmail'],
  pipeline: ['connectionArn'],
};
/** Objects whose inner keys are free (user-named) or fixed by a type we check elsewhere. */
const OPAQUE_FIELDS = new Set([
  'services',
  'network.availabilityZones',
  'auth.callbackUrls',
  'api.corsOrigins',
  'api.jwt',
  'api.domain',
  'edge.domain',
]);

function unknownKeys(prefix: string, input: StageSettingsInput | undefined): ConfigProblem[] {
  const check = new Checker(prefix);
  const defaults = stageDefaults('dev', {}) as unknown as Record<string, unknown>;
  walkKeys(check, '', input, defaults);
  for (const [name, service] of Object.entries(input?.services ?? {})) {
    check.knownKeys(`services.${name}`, service, Object.keys(SERVICE_DEFAULTS));
  }
  return check.problems.map((problem) => ({
    ...problem,
    field: problem.field.replace(`${prefix}..`, `${prefix}.`),
  }));
}

function walkKeys(check: Checker, path: string, input: unknown, schema: Record<string, unknown>): void {
  check.knownKeys(path, input, [...Object.keys(schema), ...(OPTIONAL_FIELDS[path] ?? [])]);
  if (!isPlainObject(input)) return;
  for (const [key, value] of Object.entries(input)) {
    const child = path ? `${path}.${key}` : key;
    const childSchema = schema[key];
    if (!OPAQUE_FIELDS.has(child) && isPlainObject(childSchema)) walkKeys(check, child, value, childSchema);
  }
}
