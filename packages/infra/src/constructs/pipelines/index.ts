export {
  BACKEND_STAGES,
  BackendPipeline,
  type BackendPipelineProps,
  type DeployTarget,
} from './backend-pipeline.ts';
export {
  BUILDSPEC_DIR,
  type BuildspecEnv,
  type BuildspecName,
  buildspecFor,
  readBuildspec,
} from './buildspec.ts';
export {
  MigrationBuild,
  type MigrationBuildProps,
  type MigrationDatabase,
  migrationEnv,
} from './migration-build.ts';
export { BUILD_NAMESPACE, BUILD_VARIABLES } from './migration-image.ts';
export { MigrationTask, type MigrationTaskProps } from './migration-task.ts';
export { NatSwitch, type NatSwitchProps } from './nat-switch.ts';
export { DEPLOYED_NODE_MAJOR } from './node-version.ts';
export { type SiteParameterNames, SitePipeline, type SitePipelineProps } from './site-pipeline.ts';
export { createArtifactBucket, gitSource } from './source.ts';
