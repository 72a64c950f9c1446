/** What `npm run deploy` and `shoestring doctor` check in an account before a deploy: `@shoestring/infra/preflight` (no CDK import). */

export { parameterPrefix, RUNTIME_OUTPUT_KEYS } from '../stacks/published-names.ts';
export { checkStageZones, type StageZoneCheck } from './availability-zones.ts';
export { cdkCliEnvironment } from './aws-environment.ts';
export { isMissingCredentials, NO_CREDENTIALS_MESSAGE } from './aws-errors.ts';
export { CDK_BOOTSTRAP } from './bootstrap.ts';
