import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError } from './config-error.ts';
import { type ConfigEnvironment, resolveStage, stageNames } from './resolve.ts';
import type { ShoestringConfigInput, StageConfig } from './types.ts';

/** `shoestring.config.ts` at the repository root. */
export const DEFAULT_CONFIG_PATH = fileURLToPath(
  new URL('../../../../shoestring.config.ts', import.meta.url),
);

export interface LoadConfigOptions {
  /** Path of the config file. @default the repository's `shoestring.config.ts` */
  readonly path?: string;
  /** @default account and region from `CDK_DEFAULT_ACCOUNT` / `CDK_DEFAULT_REGION` */
  readonly env?: ConfigEnvironment;
}

/** Imports the config file (TypeScript, run through tsx) and returns its default export. */
export async function readConfigFile(path = DEFAULT_CONFIG_PATH): Promise<ShoestringConfigInput> {
  if (!existsSync(path)) {
    throw new ConfigError([
      { field: 'shoestring.config.ts', fix: `not found at ${path}; create it (see docs/architecture.md)` },
    ]);
  }
  const module = (await import(pathToFileURL(path).href)) as { default?: ShoestringConfigInput };
  if (!module.default || typeof module.default !== 'object') {
    throw new ConfigError([
      {
        field: 'shoestring.config.ts',
        fix: 'export the config as default: export default defineConfig({...})',
      },
    ]);
  }
  return module.default;
}

/** The resolved, validated settings of one stage, as the stacks and the CLI see them. */
export async function loadConfig(stage: string, options: LoadConfigOptions = {}): Promise<StageConfig> {
  const input = await readConfigFile(options.path);
  return resolveStage(input, stage, options.env ?? environmentDefaults());
}

/** Every stage of the config file, resolved. */
export async function loadAllStages(options: LoadConfigOptions = {}): Promise<StageConfig[]> {
  const input = await readConfigFile(options.path);
  const env = options.env ?? environmentDefaults();
  return stageNames(input).map((stage) => resolveStage(input, stage, env));
}

function environmentDefaults(): ConfigEnvironment {
  return { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
}
