/** The config API without any CDK import, cheap to load from the CLI: `@shoestring/infra/config`. */
export { ConfigError, type ConfigProblem } from './config-error.ts';
export {
  API_DEFAULTS,
  CONTAINER_PORT,
  DATABASE_DEFAULTS,
  DEFAULT_PROJECT,
  DEFAULT_STAGES,
  EDGE_DEFAULTS,
  MIGRATIONS_DEFAULTS,
  NETWORK_DEFAULTS,
  OBSERVABILITY_DEFAULTS,
  PLACEHOLDER_ACCOUNT,
  PROD_DEFAULTS,
  SECRETS_DEFAULTS,
  SERVICE_DEFAULTS,
  stageDefaults,
  USAGE_DEFAULTS,
} from './defaults.ts';
export {
  DEFAULT_CONFIG_PATH,
  type LoadConfigOptions,
  loadAllStages,
  loadConfig,
  readConfigFile,
} from './load.ts';
export { type ConfigEnvironment, defineConfig, resolveStage, stageNames } from './resolve.ts';
export { MIGRATION_TASK_SIZE } from './schema/delivery.ts';
export { FARGATE_MEMORY, stopTimeoutSeconds } from './schema/service.ts';
export { StageConfigSchema, StageSettingsSchema } from './schema/stage.ts';
export { UsageSchema } from './schema/usage.ts';
export { fieldProblem } from './schema-problems.ts';
export type * from './types.ts';
export { LOG_RETENTION_DAYS, validateStage } from './validate.ts';
export {
  judgeZones,
  VPC_LINK_ZONE_IDS,
  VPC_LINK_ZONES_SOURCE,
  type VpcLinkZoneSupport,
  vpcLinkZoneSupport,
  type ZoneMapping,
  type ZoneVerdict,
} from './vpc-link-zones.ts';
