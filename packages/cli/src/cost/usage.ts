import { USAGE_DEFAULTS, type UsageSettings } from '@shoestring/infra/config';
import { CliError } from '../cli-error.ts';

/**
 * What the bill depends on besides the templates: the `usage` section of `shoestring.config.ts` (documented, with
 * its defaults, on `UsageSettings` of `@shoestring/infra/config`), overridable by a `--usage` JSON file.
 */
export type UsageProfile = UsageSettings;

/** The one set of defaults: the infra config's (`usage` of `shoestring.config.ts` falls back to them too). */
export const DEFAULT_USAGE: UsageProfile = USAGE_DEFAULTS;

const FRACTIONS: ReadonlySet<string> = new Set(['traceSampleRate']);
const POSITIVE: ReadonlySet<string> = new Set(['prometheusScrapeIntervalSeconds']);

/**
 * The defaults overridden by `overrides`, in order. Unknown keys are refused when `strict` (a typo in a usage
 * file must not silently fall back to a default); a config's `usage` section may carry keys for other tools.
 */
export function resolveUsage(
  overrides: ReadonlyArray<{ from: string; values: Record<string, unknown>; strict: boolean }>,
): UsageProfile {
  const usage: Record<string, number> = { ...DEFAULT_USAGE };
  for (const { from, values, strict } of overrides) {
    for (const [key, value] of Object.entries(values)) {
      if (!(key in DEFAULT_USAGE)) {
        if (strict) {
          throw new CliError(
            `unknown usage field "${key}" in ${from}. Known fields: ${Object.keys(DEFAULT_USAGE).join(', ')}.`,
          );
        }
        continue;
      }
      usage[key] = checkUsageValue(from, key, value);
    }
  }
  return usage as unknown as UsageProfile;
}

function checkUsageValue(from: string, key: string, value: unknown): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value >= 0 &&
    (!FRACTIONS.has(key) || value <= 1) &&
    (!POSITIVE.has(key) || value > 0);
  if (!ok) {
    const range = FRACTIONS.has(key) ? 'between 0 and 1' : POSITIVE.has(key) ? 'above 0' : '0 or more';
    throw new CliError(
      `usage field "${key}" in ${from} is ${JSON.stringify(value)}; it must be a number ${range}.`,
    );
  }
  return value;
}
