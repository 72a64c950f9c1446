import { fieldProblem, USAGE_DEFAULTS, UsageSchema, type UsageSettings } from '@shoestring/infra/config';
import { CliError } from '../cli-error.ts';

/**
 * What the bill depends on besides the templates: the `usage` section of `shoestring.config.ts` (`UsageSchema` of
 * `@shoestring/infra/config` documents each field, its default and its range), overridable by a `--usage` JSON file.
 */
export type UsageProfile = UsageSettings;

/** The one set of defaults: the infra config's (`usage` of `shoestring.config.ts` falls back to them too). */
export const DEFAULT_USAGE: UsageProfile = USAGE_DEFAULTS;

const FIELDS: Readonly<Record<string, Parameters<typeof fieldProblem>[0]>> = UsageSchema.properties;

/**
 * The defaults overridden by `overrides`, in order, each value checked against the config's own usage schema.
 * Unknown keys are refused when `strict` (a typo in a usage file must not silently fall back to a default); a
 * config's `usage` section may carry keys for other tools.
 */
export function resolveUsage(
  overrides: ReadonlyArray<{ from: string; values: Record<string, unknown>; strict: boolean }>,
): UsageProfile {
  const usage: Record<string, unknown> = { ...DEFAULT_USAGE };
  for (const { from, values, strict } of overrides) {
    for (const [key, value] of Object.entries(values)) {
      const field = FIELDS[key];
      if (!field) {
        if (strict) {
          throw new CliError(
            `unknown usage field "${key}" in ${from}. Known fields: ${Object.keys(FIELDS).join(', ')}.`,
          );
        }
        continue;
      }
      const problem = fieldProblem(field, value);
      if (problem) throw new CliError(`usage field "${key}" in ${from}: ${problem}.`);
      usage[key] = value;
    }
  }
  return usage as UsageProfile;
}
