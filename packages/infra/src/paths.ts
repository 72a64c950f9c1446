import { fileURLToPath } from 'node:url';

/** Where `npm run synth` writes the templates (`output` in packages/infra/cdk.json); `shoestring cost` reads it. */
export const CDK_OUT_DIR = fileURLToPath(new URL('../cdk.out', import.meta.url));
/** The infra package's root directory (where `cdk.json` is). */
export const INFRA_DIR = fileURLToPath(new URL('..', import.meta.url));
/** The CDK CLI's settings: the app command and the context (feature flags). */
export const CDK_JSON = fileURLToPath(new URL('../cdk.json', import.meta.url));
