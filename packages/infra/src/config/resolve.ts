import { ConfigError, type ConfigProblem } from './config-error.ts';
import {
  type ConfigEnvironment,
  DEFAULT_PROJECT,
  DEFAULT_STAGES,
  fillDefaults,
  isPlainObject,
  PROD_DEFAULTS,
} from './defaults.ts';
import { CONFIG_FILE_KEYS, StageNamesSchema, StageSettingsSchema } from './schema/stage.ts';
import { schemaProblems } from './schema-problems.ts';
import type { ShoestringConfigInput, StageConfig, StageSettingsInput } from './types.ts';
import { validateStage } from './validate.ts';

export type { ConfigEnvironment } from './defaults.ts';

/** Identity helper that gives `shoestring.config.ts` type checking and editor completion. */
export function defineConfig(config: ShoestringConfigInput): ShoestringConfigInput {
  return config;
}

/** The stage names a config defines (`dev` and `prod` when it lists none). */
export function stageNames(input: ShoestringConfigInput): string[] {
  return Object.keys(input.stages ?? {}).length > 0 ? Object.keys(input.stages ?? {}) : [...DEFAULT_STAGES];
}

/**
 * Merges the stage's defaults, `shared` and the stage's settings, fills the schema defaults, then validates:
 * first against the schema (types, enums, ranges, unknown keys), then the rules across fields.
 * @throws ConfigError naming every invalid field and its fix.
 */
export function resolveStage(
  input: ShoestringConfigInput,
  stage: string,
  env: ConfigEnvironment = {},
): StageConfig {
  const defined = stageNames(input);
  if (!defined.includes(stage)) {
    throw new ConfigError([
      { field: 'stages', fix: `got no stage "${stage}"; use one of ${defined.join(', ')} or add it` },
    ]);
  }
  const stageInput = input.stages?.[stage] ?? {};
  const base = stage === 'prod' ? PROD_DEFAULTS : {};
  const merged = mergeSettings(mergeSettings(base, input.shared ?? {}), stageInput);
  const names = { project: input.project ?? DEFAULT_PROJECT, stage };
  const settings = fillDefaults(merged as Record<string, unknown>, env);
  const config = { ...names, ...settings };
  const fieldOf = (path: readonly string[]) => `${origin(path, input, stage)}.${path.join('.')}`;
  const problems = [
    ...fileKeyProblems(input),
    ...schemaProblems(StageNamesSchema, names, fieldOf),
    ...schemaProblems(StageSettingsSchema, settings, fieldOf),
  ];
  const reported = new Set(problems.map((problem) => problem.field));
  const crossField = validateStage(config as StageConfig).filter((problem) => !reported.has(problem.field));
  if (problems.length + crossField.length > 0) throw new ConfigError([...problems, ...crossField]);
  return config as StageConfig;
}

/** A stage's own `services` replace the shared ones as a whole; every other section merges field by field. */
function mergeSettings(base: StageSettingsInput, override: StageSettingsInput): StageSettingsInput {
  const merged = deepMerge(base, { ...override, services: undefined }) as StageSettingsInput;
  return { ...merged, services: override.services ?? base.services };
}

/** Plain objects merge key by key; arrays and scalars replace; `undefined` keeps the base. */
function deepMerge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) result[key] = deepMerge(base[key], value);
  return result;
}

/** Where the user wrote a field: the stage's settings, else `shared` (a default never fails the schema). */
function origin(path: readonly string[], input: ShoestringConfigInput, stage: string): string {
  const own = `stages.${stage}`;
  if (has(input.stages?.[stage], path) || !has(input.shared, path)) return own;
  return 'shared';
}

function has(value: unknown, path: readonly string[]): boolean {
  let at = value;
  for (const part of path) {
    if (!isPlainObject(at) || !(part in at)) return false;
    at = at[part];
  }
  return true;
}

function fileKeyProblems(input: ShoestringConfigInput): ConfigProblem[] {
  const known: readonly string[] = CONFIG_FILE_KEYS;
  return Object.keys(input)
    .filter((key) => !known.includes(key))
    .map((key) => ({
      field: key,
      fix: `unknown field at the top of the file; use one of ${known.join(', ')}, or remove it`,
    }));
}
