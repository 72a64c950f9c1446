import { parseArgs } from 'node:util';
import { cdkCliEnvironment } from '@shoestring/infra/preflight';
import { CliError } from '../cli-error.ts';
import { configPath, loadStage } from '../dev/stage-config.ts';
import { createDoctorClients, type DoctorClients, runDoctor, summary } from '../doctor/index.ts';

const HELP = `Usage: shoestring doctor --stage NAME

Checks an AWS account before \`npm run deploy\`, read-only, with your credentials (AWS_PROFILE or the
environment): the account matches the config; the CDK bootstrap stack exists and is recent enough; the zones
offer HTTP API VPC links; the CodeStar connection is AVAILABLE; an image is in ECR (or the first deploy builds
one, with Docker); Java; the Fargate vCPU and Elastic IP quotas. Each check prints pass, FAIL (with the fix) or
note; the exit code is 1 when any check fails.

Options:
  --stage NAME   stage of shoestring.config.ts (or the file $SHOESTRING_CONFIG names)
  -h, --help     this text`;

/** Printed for --help and, by main, after an unknown option. */
export const usage = HELP;

/** What the command uses from outside, replaceable in tests (SDK client mocks, a test config, a PATH). */
export interface DoctorDeps {
  readonly clients: (region: string) => DoctorClients;
  readonly env: NodeJS.ProcessEnv;
  readonly print: (line: string) => void;
}

const DEFAULT_DEPS: DoctorDeps = {
  clients: createDoctorClients,
  env: process.env,
  print: (line) => console.log(line),
};

export async function run(argv: string[], deps: DoctorDeps = DEFAULT_DEPS): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { stage: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    deps.print(HELP);
    return 0;
  }
  if (!values.stage) throw new CliError('missing --stage NAME (the stage of shoestring.config.ts to check).');
  // The region cdk deploy would use when the file names none: the checks must look where the stage goes.
  const config = await loadStage(values.stage, configPath(deps.env), await cdkCliEnvironment());
  deps.print(`shoestring doctor: stage ${config.stage}, account ${config.account}, ${config.region}`);
  const results = await runDoctor(
    { config, clients: deps.clients(config.region), env: deps.env },
    deps.print,
  );
  deps.print(summary(results));
  return results.some((r) => r.status === 'fail') ? 1 : 0;
}
