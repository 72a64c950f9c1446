/** @shoestring/infra: the config, the constructs and the stacks. The config alone: `@shoestring/infra/config`. */

export { addStage, CONTEXT, type StageStacks } from './app.ts';
export { cdkJsonContext, createApp } from './cdk-app.ts';
export * from './config/index.ts';
export {
  ADOT_COLLECTOR_IMAGE,
  type AdotCollectorOptions,
  addAdotCollector,
} from './constructs/adot-collector.ts';
export { ApiService, type ApiServiceProps } from './constructs/api-service.ts';
export { Compute, type ComputeProps, containerEnvironment } from './constructs/compute.ts';
export { Database, type DatabaseProps } from './constructs/database.ts';
export { type ApiBackend, HttpApiGateway, type HttpApiGatewayProps } from './constructs/http-api.ts';
export { Network, type NetworkProps, SUBNET_GROUPS } from './constructs/network.ts';
export { SecureStringPassword, type SecureStringPasswordProps } from './constructs/secure-string-password.ts';
export { ServiceDiscovery, type ServiceDiscoveryProps } from './constructs/service-discovery.ts';
export { SignIn, type SignInProps } from './constructs/sign-in.ts';
export {
  HASHED_ASSETS_PATH,
  SPA_FALLBACK_PATH,
  StaticSite,
  type StaticSiteProps,
} from './constructs/static-site.ts';
export { CDK_OUT_DIR } from './paths.ts';
export { publishRuntimeOutputs } from './stacks/runtime-outputs.ts';
export {
  parameterPrefix,
  RuntimeStack,
  type RuntimeStackProps,
  runtimeStackName,
} from './stacks/runtime-stack.ts';
export { outputIdOf, StackOutputs } from './stacks/stack-outputs.ts';
