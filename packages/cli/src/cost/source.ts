import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CliError } from '../cli-error.ts';
import { synthesizeConfig } from './config-synth.ts';
import { defaultCloudAssemblyDir, isStale } from './synth.ts';
import { readCloudAssembly, readTemplateFile, type StackTemplate } from './template/read.ts';
import { resolveUsage, type UsageProfile } from './usage.ts';

const CONFIG_FILE = 'shoestring.config.ts';

export interface SourceOptions {
  readonly root: string;
  readonly stage: string;
  /** Explicit template files: priced as they are, no synth. */
  readonly templates: readonly string[];
  readonly cdkOut: string | undefined;
  readonly synth: boolean;
  readonly usageFile: string | undefined;
  readonly log: (line: string) => void;
}

/**
 * The stacks of one stage: explicit templates, else the cloud assembly, synthesized first (every stage of
 * shoestring.config.ts, as `npm run synth` does) when it is missing or older than the infra sources.
 */
export async function loadStacks(options: SourceOptions): Promise<StackTemplate[]> {
  if (options.templates.length > 0)
    return options.templates.map((file) => readTemplateFile(path.resolve(file)));
  const dir = options.cdkOut ? path.resolve(options.cdkOut) : defaultCloudAssemblyDir(options.root);
  if (options.synth && isStale(dir, options.root)) {
    await synthesizeConfig(path.join(options.root, CONFIG_FILE), dir, { log: options.log });
  }
  return stacksOfStage(readCloudAssembly(dir), options.stage, dir);
}

/**
 * A stage's stacks: those of the nested assembly (CDK Stage) named after it, else those whose name carries it as
 * a dash-separated word (`shoestring-dev-api`). An assembly with no stage names at all is one stage.
 */
export function stacksOfStage(stacks: StackTemplate[], stage: string, dir: string): StackTemplate[] {
  const word = new RegExp(`(^|[-_/])${stage.replace(/[^a-z0-9]/gi, '')}($|[-_/])`, 'i');
  const byAssembly = stacks.filter((s) => s.stage !== undefined && word.test(s.stage));
  if (byAssembly.length > 0) return byAssembly;
  const byName = stacks.filter((s) => word.test(s.name));
  if (byName.length > 0) return byName;
  const anyStaged =
    stacks.some((s) => s.stage !== undefined) ||
    stacks.some((s) => /[-_](dev|prod|staging|test)([-_]|$)/i.test(s.name));
  if (!anyStaged && stacks.length > 0) return stacks;
  const names = stacks.map((s) => (s.stage ? `${s.stage}/${s.name}` : s.name)).join(', ') || 'none';
  throw new CliError(
    `no stack of stage "${stage}" in ${dir} (stacks: ${names}). Pass --stage with a stage of shoestring.config.ts.`,
  );
}

/** The config's usage section for the stage (when the config exists), then a `--usage` JSON file on top. */
export async function loadUsage(
  root: string,
  stage: string,
  usageFile: string | undefined,
): Promise<UsageProfile> {
  return usageFrom(await configUsageOf(root, stage), `shoestring.config.ts (stage ${stage})`, usageFile);
}

/** The defaults, overridden by a config's usage section, overridden by a `--usage` file. */
export function usageFrom(
  configUsage: Record<string, unknown> | undefined,
  configLabel: string,
  usageFile: string | undefined,
): UsageProfile {
  const overrides: Array<{ from: string; values: Record<string, unknown>; strict: boolean }> = [];
  if (configUsage) overrides.push({ from: configLabel, values: configUsage, strict: false });
  if (usageFile) overrides.push({ from: usageFile, values: readUsageFile(usageFile), strict: true });
  return resolveUsage(overrides);
}

async function configUsageOf(root: string, stage: string): Promise<Record<string, unknown> | undefined> {
  const configPath = path.join(root, CONFIG_FILE);
  if (!existsSync(configPath)) return undefined;
  // Loaded lazily: only a run that reads the config pays for importing it.
  const { loadConfig } = await import('@shoestring/infra/config');
  try {
    return { ...(await loadConfig(stage, { path: configPath })).usage };
  } catch (error) {
    throw new CliError(
      `cannot read the usage of stage "${stage}" from ${configPath}: ${(error as Error).message}`,
    );
  }
}

function readUsageFile(file: string): Record<string, unknown> {
  if (!existsSync(file)) throw new CliError(`usage file ${file} does not exist.`);
  try {
    const values = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (typeof values !== 'object' || values === null || Array.isArray(values))
      throw new Error('not a JSON object');
    return values as Record<string, unknown>;
  } catch (error) {
    throw new CliError(
      `usage file ${file} must be a JSON object of usage fields: ${(error as Error).message}`,
    );
  }
}
