/**
 * The types of `shoestring.config.ts`, derived from its schema (`schema/*.ts`), which is the reference: each
 * field's `description`, `default` (and `prodDefault` where prod differs), enum and range live there once.
 */
import type { Static, TSchema } from 'typebox';
import type { ApiSchema, EdgeSchema, JwtSchema, PriceClassSchema } from './schema/api.ts';
import type { DatabaseSchema, SecretStoreSchema, SecretsSchema } from './schema/database.ts';
import type {
  BuildComputeTypeSchema,
  MigrationRunnerSchema,
  MigrationsSchema,
  PipelineSchema,
} from './schema/delivery.ts';
import type { CustomDomain } from './schema/fields.ts';
import type { BuildEgressSchema, NetworkSchema } from './schema/network.ts';
import type {
  AlarmThresholdsSchema,
  DashboardsBackendSchema,
  MetricsBackendSchema,
  ObservabilitySchema,
} from './schema/observability.ts';
import type { ArchitectureSchema, RoutingPolicySchema, ServiceSchema } from './schema/service.ts';
import type { StageConfigSchema, StageSettingsSchema } from './schema/stage.ts';
import type { UsageSchema } from './schema/usage.ts';

/** A schema's type, read-only all the way down (the config is validated once, then only read). */
type Settings<T extends TSchema> = DeepReadonly<Static<T>>;
type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export type Architecture = Static<typeof ArchitectureSchema>;
export type BuildEgress = Static<typeof BuildEgressSchema>;
export type SecretStore = Static<typeof SecretStoreSchema>;
export type RoutingPolicy = Static<typeof RoutingPolicySchema>;
export type MetricsBackend = Static<typeof MetricsBackendSchema>;
export type DashboardsBackend = Static<typeof DashboardsBackendSchema>;
export type MigrationRunner = Static<typeof MigrationRunnerSchema>;
export type BuildComputeType = Static<typeof BuildComputeTypeSchema>;
export type PriceClass = Static<typeof PriceClassSchema>;

export type NetworkSettings = Settings<typeof NetworkSchema>;
export type ServiceSettings = Settings<typeof ServiceSchema>;
export type DatabaseSettings = Settings<typeof DatabaseSchema>;
export type SecretsSettings = Settings<typeof SecretsSchema>;
export type JwtSettings = Settings<typeof JwtSchema>;
export type CustomDomainSettings = Settings<typeof CustomDomain>;
export type ApiSettings = Settings<typeof ApiSchema>;
export type EdgeSettings = Settings<typeof EdgeSchema>;
export type AlarmThresholds = Settings<typeof AlarmThresholdsSchema>;
export type ObservabilitySettings = Settings<typeof ObservabilitySchema>;
export type PipelineSettings = Settings<typeof PipelineSchema>;
export type MigrationSettings = Settings<typeof MigrationsSchema>;
/** The usage profile `shoestring cost` prices the usage-driven lines with. */
export type UsageSettings = Settings<typeof UsageSchema>;
/** Everything one stage deploys, fully resolved. */
export type StageSettings = Settings<typeof StageSettingsSchema>;
/** A resolved, validated stage: what the stacks and the CLI consume. */
export type StageConfig = Settings<typeof StageConfigSchema>;

type DeepPartial<T> = {
  -readonly [K in keyof T]?: T[K] extends readonly (infer _)[]
    ? T[K]
    : T[K] extends Readonly<Record<string, ServiceSettings>>
      ? Record<string, Partial<ServiceSettings>>
      : T[K] extends object
        ? DeepPartial<T[K]>
        : T[K];
};

/** What a stage may set in the config file: any subset of `StageSettings`. */
export type StageSettingsInput = DeepPartial<StageSettings>;

/** The whole file. */
export interface ShoestringConfigInput {
  /** @default 'shoestring' */
  readonly project?: string;
  /** Settings every stage shares; a stage's own settings override them field by field (`services` as a whole). */
  readonly shared?: StageSettingsInput;
  /** The stages by name. @default { dev: {}, prod: {} } */
  readonly stages?: Readonly<Record<string, StageSettingsInput>>;
}
