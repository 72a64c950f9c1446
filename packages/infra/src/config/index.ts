/** The config API without any CDK import, cheap to load from the CLI: `@shoestring/infra/config`. */
export { ConfigError, type ConfigProblem } from './config-error.ts';
export {
  CONTAINER_PORT,
  DEFAULT_PROJECT,
  DEFAULT_STAGES,
  DRAIN_SECONDS,
  PLACEHOLDER_ACCOUNT,
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
export type * from './types.ts';
export { LOG_RETENTION_DAYS, validateStage } from './validate.ts';
