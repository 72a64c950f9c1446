/**
 * `npm run deploy -- --stage dev [-- extra cdk deploy args]`
 * Deploys one stage of `shoestring.config.ts`; a new stage's first deploy ends with its services running
 * (src/deploy/deploy-stage.ts, ADR 0123).
 */
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { CodePipelineClient } from '@aws-sdk/client-codepipeline';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { SSMClient } from '@aws-sdk/client-ssm';
import { zonesAllowDeploy } from '../src/checks/availability-zones.ts';
import { cdkCliEnvironment } from '../src/checks/aws-environment.ts';
import { isMissingCredentials, NO_CREDENTIALS_MESSAGE } from '../src/checks/aws-errors.ts';
import { ConfigError } from '../src/config/config-error.ts';
import { loadConfig } from '../src/config/load.ts';
import { cdkDeployArgs } from '../src/deploy/cdk-command.ts';
import { deployStage } from '../src/deploy/deploy-stage.ts';
import { INFRA_DIR } from '../src/paths.ts';

const USAGE = `usage: npm run deploy -- --stage <name> [--debug] [-- <cdk deploy args>]
  --stage   stage of shoestring.config.ts to deploy (dev, prod, ...). A stage with no deployed image yet is
            deployed with zero tasks, released through its backend pipeline (progress is printed; prod waits
            for the approval) and then started: one command from a bootstrapped account to a running service.
  --debug   print the stack of an error`;

/** Polls every 15 s for up to 3 hours: a first image build, migration and deploy take 10-20 minutes. */
const POLL_MS = 15_000;
const MAX_POLLS = (3 * 60 * 60 * 1000) / POLL_MS;

let parsed: ReturnType<typeof parse>;
try {
  parsed = parse();
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(1);
}
const { values, positionals } = parsed;
if (values.help || !values.stage) {
  console.error(values.help ? USAGE : `missing --stage\n${USAGE}`);
  process.exit(values.help ? 0 : 1);
}

// The region `cdk deploy` will use, so the zone check and the pipeline's progress look where the stack goes.
const config = await loadConfig(values.stage, { env: await cdkCliEnvironment() }).catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

const clientConfig = { region: config.region };
try {
  // A zone without HTTP API VPC links fails the deploy at the VPC link, after the VPC and the database exist: stop
  // before anything is created (ADR 0127).
  if (!(await zonesAllowDeploy(new EC2Client(clientConfig), config, (line) => console.error(line)))) {
    process.exit(1);
  }
  const code = await deployStage(config, {
    ssm: new SSMClient(clientConfig),
    codepipeline: new CodePipelineClient(clientConfig),
    ecs: new ECSClient(clientConfig),
    cdk: async ({ firstDeploy }) => {
      const args = cdkDeployArgs(config, firstDeploy, positionals);
      console.error(`> npx ${args.join(' ')}`);
      return spawnSync('npx', args, { cwd: INFRA_DIR, stdio: 'inherit' }).status ?? 1;
    },
    log: (line) => console.error(line),
    sleep: (ms) => sleep(ms),
    pollMs: POLL_MS,
    maxPolls: MAX_POLLS,
  });
  process.exit(code);
} catch (error) {
  console.error(
    isMissingCredentials(error) ? NO_CREDENTIALS_MESSAGE : `deploy failed: ${(error as Error).message}`,
  );
  if (values.debug || process.env.DEBUG) console.error(error);
  process.exit(1);
}

function parse() {
  return parseArgs({
    options: {
      stage: { type: 'string' },
      debug: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
}
