import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { ApiSchema, EdgeSchema } from './schema/api.ts';
import { DatabaseSchema, SecretsSchema } from './schema/database.ts';
import { MigrationsSchema } from './schema/delivery.ts';
import { NetworkSchema } from './schema/network.ts';
import { ObservabilitySchema } from './schema/observability.ts';
import { ServiceSchema } from './schema/service.ts';
import { StageSettingsSchema } from './schema/stage.ts';
import { UsageSchema } from './schema/usage.ts';
import type {
  ApiSettings,
  DatabaseSettings,
  EdgeSettings,
  MigrationSettings,
  NetworkSettings,
  ObservabilitySettings,
  SecretsSettings,
  ServiceSettings,
  StageSettings,
  StageSettingsInput,
  UsageSettings,
} from './types.ts';

/** The account used when none is configured: enough to synthesize, refused by `npm run deploy`. */
export const PLACEHOLDER_ACCOUNT = '000000000000';
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_PROJECT = 'shoestring';
export const DEFAULT_STAGES = ['dev', 'prod'] as const;
/** Port every API container listens on (the API's `PORT`). */
export const CONTAINER_PORT = 8080;

/** A section with every field at its schema `default` (what a construct falls back to when not given a value). */
function defaultsOf<T>(schema: TSchema): T {
  return Value.Default(schema, {}) as T;
}

export const SERVICE_DEFAULTS: ServiceSettings = defaultsOf(ServiceSchema);
/** The usage profile `shoestring cost` prices with when the config sets none (see `UsageSchema`). */
export const USAGE_DEFAULTS: UsageSettings = defaultsOf(UsageSchema);
export const DATABASE_DEFAULTS: DatabaseSettings = defaultsOf(DatabaseSchema);
export const SECRETS_DEFAULTS: SecretsSettings = defaultsOf(SecretsSchema);
export const API_DEFAULTS: ApiSettings = defaultsOf(ApiSchema);
export const EDGE_DEFAULTS: EdgeSettings = defaultsOf(EdgeSchema);
export const MIGRATIONS_DEFAULTS: MigrationSettings = defaultsOf(MigrationsSchema);
export const OBSERVABILITY_DEFAULTS: ObservabilitySettings = defaultsOf(ObservabilitySchema);
/** Network defaults without the zones, which depend on the region. */
export const NETWORK_DEFAULTS: Omit<NetworkSettings, 'availabilityZones'> = defaultsOf(NetworkSchema);

/** The defaults of the stage named `prod` that differ from the schema `default`: every field's `prodDefault`. */
export const PROD_DEFAULTS: StageSettingsInput = collectProdDefaults(
  StageSettingsSchema,
) as StageSettingsInput;

function collectProdDefaults(schema: TSchema): unknown {
  if ('prodDefault' in schema) return schema.prodDefault;
  const properties = (schema as { properties?: Record<string, TSchema> }).properties ?? {};
  const found = Object.entries(properties)
    .map(([key, property]) => [key, collectProdDefaults(property)] as const)
    .filter(([, value]) => value !== undefined);
  return found.length > 0 ? Object.fromEntries(found) : undefined;
}

/** Where defaults come from besides the file: the CDK CLI's `CDK_DEFAULT_ACCOUNT` / `CDK_DEFAULT_REGION`. */
export interface ConfigEnvironment {
  readonly account?: string;
  readonly region?: string;
}

/**
 * Fills every field `settings` leaves out: the schema `default`s, each service's defaults, the account and region
 * from the environment and the zones from the region. Returns what still has to pass validation.
 */
export function fillDefaults(
  settings: Record<string, unknown>,
  env: ConfigEnvironment,
): Record<string, unknown> {
  const filled = Value.Default(StageSettingsSchema, Value.Clone(settings)) as Record<string, unknown>;
  filled.account ??= env.account ?? PLACEHOLDER_ACCOUNT;
  filled.region ??= env.region ?? DEFAULT_REGION;
  const network = filled.network as Record<string, unknown> | undefined;
  if (isPlainObject(network)) network.availabilityZones ??= [`${filled.region}a`, `${filled.region}b`];
  if (isPlainObject(filled.services)) {
    const services = Object.entries(filled.services);
    filled.services = Object.fromEntries(
      services.map(([name, service]) => [name, Value.Default(ServiceSchema, Value.Clone(service))]),
    );
  }
  return filled;
}

/** Defaults for a stage, before the file's `shared` and stage settings are applied. */
export function stageDefaults(stage: string, env: ConfigEnvironment): StageSettings {
  const base = stage === 'prod' ? (PROD_DEFAULTS as Record<string, unknown>) : {};
  return fillDefaults(base, env) as unknown as StageSettings;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
