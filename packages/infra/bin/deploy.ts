/**
 * `npm run deploy -- --stage dev [--first-deploy] [--image-tag T] [-- extra cdk args]`
 * Runs `cdk deploy` for every stack of one stage of `shoestring.config.ts`.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { EC2Client } from '@aws-sdk/client-ec2';
import { CONTEXT } from '../src/app.ts';
import { zonesAllowDeploy } from '../src/checks/availability-zones.ts';
import { ConfigError } from '../src/config/config-error.ts';
import { loadConfig } from '../src/config/load.ts';
import { INFRA_DIR } from '../src/paths.ts';

const USAGE = `usage: npm run deploy -- --stage <name> [--first-deploy] [--image-tag <tag>] [-- <cdk deploy args>]
  --stage         stage of shoestring.config.ts to deploy (dev, prod, ...)
  --first-deploy  create the services with zero tasks: use it once, before the pipeline has pushed an image
  --image-tag     image tag of the API containers (default: latest)`;

const { values, positionals } = parseArgs({
  options: {
    stage: { type: 'string' },
    'first-deploy': { type: 'boolean', default: false },
    'image-tag': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});

if (values.help || !values.stage) {
  console.error(values.help ? USAGE : `missing --stage\n${USAGE}`);
  process.exit(values.help ? 0 : 1);
}

// Validates the stage early; the account is resolved inside `cdk deploy`, where the CLI sets CDK_DEFAULT_ACCOUNT.
const config = await loadConfig(values.stage).catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});

// A zone without HTTP API VPC links fails the deploy at the VPC link, after the VPC and the database exist: stop
// before anything is created (ADR 0127).
if (
  !(await zonesAllowDeploy(new EC2Client({ region: config.region }), config, (line) => console.error(line)))
) {
  process.exit(1);
}

const args = [
  'cdk',
  'deploy',
  '-c',
  `${CONTEXT.stage}=${config.stage}`,
  `${config.project}-${config.stage}*`,
  // Pins the NAT image on the first deploy (cached in cdk.context.json, which belongs in git).
  '-c',
  `${CONTEXT.natImageLookup}=true`,
];
if (values['first-deploy']) args.push('-c', `${CONTEXT.firstDeploy}=true`);
if (values['image-tag']) args.push('-c', `${CONTEXT.imageTag}=${values['image-tag']}`);
args.push(...positionals);
console.error(`> npx ${args.join(' ')}`);
const result = spawnSync('npx', args, { cwd: INFRA_DIR, stdio: 'inherit' });
process.exit(result.status ?? 1);
