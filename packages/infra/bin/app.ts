/**
 * The CDK app: one set of stacks per stage of `shoestring.config.ts` (or only `-c stage=<name>`).
 * Synth needs no AWS credentials: account and region come from the config, nothing is looked up.
 */
import { App } from 'aws-cdk-lib';
import { addStage, CONTEXT } from '../src/app.ts';
import { ConfigError } from '../src/config/config-error.ts';
import { loadAllStages } from '../src/config/load.ts';

const app = new App();
const only = app.node.tryGetContext(CONTEXT.stage) as string | undefined;
const firstDeploy = String(app.node.tryGetContext(CONTEXT.firstDeploy)) === 'true';

// SHOESTRING_CONFIG names another config file (tests, a fork's variant); default the repository's.
const configs = await loadAllStages({ path: process.env.SHOESTRING_CONFIG || undefined }).catch((error) => {
  // The message lists every bad field and its fix; the stack would only bury it.
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
});
for (const config of configs) {
  if (only && config.stage !== only) continue;
  // The runtime stack, plus the pipelines stack when pipeline.connectionArn is set.
  addStage(app, config, { firstDeploy });
}
app.synth();
