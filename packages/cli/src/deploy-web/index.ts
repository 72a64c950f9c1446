export {
  CachePolicy,
  IMMUTABLE_CACHE_CONTROL,
  isHashedAsset,
  REVALIDATE_CACHE_CONTROL,
  VITE_MANIFEST_KEY,
} from './cache-policy.ts';
export { type ClientSettings, createClients } from './clients.ts';
export { contentTypeFor } from './content-type.ts';
export { type DeployWebContext, type DeployWebOptions, deployWeb } from './deploy.ts';
export { INVALIDATION_BATCH } from './invalidation.ts';
export { type DeployManifest, MANIFEST_KEY } from './manifest.ts';
export {
  DEFAULT_GRACE,
  DEPLOY_WEB_USAGE,
  type DeployWebInvocation,
  parseDeployWebArgs,
} from './options.ts';
export type { GracePeriod } from './plan.ts';
export type { DeploySummary } from './report.ts';
