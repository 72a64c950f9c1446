/**
 * The CDK app: one set of stacks per stage of `shoestring.config.ts` (or only `-c stage=<name>`).
 * Synth needs no AWS credentials: account and region come from the config, nothing is looked up.
 */
import { App } from 'aws-cdk-lib';
import { addStage, CONTEXT } from '../src/app.ts';
import { loadAllStages } from '../src/config/load.ts';

const app = new App();
const only = app.node.tryGetContext(CONTEXT.stage) as string | undefined;
const firstDeploy = String(app.node.tryGetContext(CONTEXT.firstDeploy)) === 'true';
const imageTag = app.node.tryGetContext(CONTEXT.imageTag) as string | undefined;

for (const config of await loadAllStages()) {
  if (only && config.stage !== only) continue;
  // The runtime stack, plus the pipelines stack when pipeline.connectionArn is set.
  addStage(app, config, { firstDeploy, imageTag });
}
app.synth();
