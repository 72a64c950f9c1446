export {
  type AccessTokenClaims,
  API_AUTH_ENV,
  AUTHORIZED_EDGE_OPERATIONS,
  audienceAccepted,
  SIGN_IN_CALLBACK_PATH,
  SIGN_IN_SCOPE,
  SITE_CONFIG_PATH,
  type SiteConfig,
  siteConfigFor,
} from './auth.ts';
export {
  CONTAINER_ENV,
  type ContainerEnv,
  type ContainerEnvironment,
  type ContainerEnvName,
  DB_DISCRETE_REQUIRED,
  DB_SSL_MODES,
  DB_VARIABLES,
  type DbSslMode,
  LOG_LEVELS,
  type ModuleUrlName,
  moduleUrlVariable,
  variableSchema,
} from './container-env.ts';
export {
  containerEnvironmentProblems,
  missingDatabaseProblem,
  missingDatabaseVariables,
  type ReadOptions,
  type ReadResult,
  readContainerEnv,
  readTopology,
  type Topology,
} from './container-env-read.ts';
export { ADMIN_GROUP, requiresToken } from './identity.ts';
export { MODULE_NAMES, MODULE_SPECS, type ModuleSpec } from './modules.ts';
export {
  type Access,
  API_PREFIX,
  bracedPath,
  EDGE_ACCESS,
  EDGE_OPERATIONS,
  type HttpMethod,
  matchOperation,
  OPERATIONS,
  type Operation,
  operation,
} from './routes.ts';
