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
