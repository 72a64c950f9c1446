import { isAbsolute, relative } from 'node:path';
import {
  type ConfigEnvironment,
  ConfigError,
  DEFAULT_CONFIG_PATH,
  loadConfig,
  readConfigFile,
  type StageConfig,
  stageNames,
} from '@shoestring/infra/config';
import { CliError } from '../cli-error.ts';

/** The config file `--stage` reads: `SHOESTRING_CONFIG` when set (as for `npm run synth`), else the repository's. */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.SHOESTRING_CONFIG || DEFAULT_CONFIG_PATH;
}

/**
 * One stage of the config file, resolved and validated as `npm run synth` does it; `env` is where the account and
 * region come from when the file names none (`cdkCliEnvironment` for commands that call AWS).
 * @throws CliError of one line naming the stage or the fields and the fix.
 */
export async function loadStage(
  stage: string,
  path = configPath(),
  env?: ConfigEnvironment,
): Promise<StageConfig> {
  const fromHere = relative(process.cwd(), path);
  const shown = fromHere.startsWith('..') || isAbsolute(fromHere) ? path : fromHere;
  try {
    const names = stageNames(await readConfigFile(path));
    if (!names.includes(stage)) {
      throw new CliError(
        `No stage "${stage}" in ${shown}: use ${names.map((name) => `--stage ${name}`).join(' or ')}, or add "${stage}" under \`stages\`.`,
      );
    }
    return await loadConfig(stage, env === undefined ? { path } : { path, env });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const problems = error.problems.map((problem) => `${problem.field}: ${problem.fix}`).join('; ');
    throw new CliError(`${shown} is invalid: ${problems}`);
  }
}
