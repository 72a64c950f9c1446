import { USAGE_DEFAULTS } from '@shoestring/infra/config';
import { CliError } from '../cli-error.ts';

/**
 * What the bill depends on besides the templates: the `usage` section of `shoestring.config.ts` (its defaults are
 * `USAGE_DEFAULTS` of `@shoestring/infra/config`), overridable by a `--usage` JSON file.
 */
export interface UsageProfile {
  /** API requests a month through API Gateway. */
  readonly requestsPerMonth: number;
  /** Average API response size, KB (HTTP API meters in 512 KB steps; egress is billed per GB). */
  readonly avgResponseKb: number;
  /** CloudWatch Logs ingested a month, GB. */
  readonly logGbPerMonth: number;
  /** Static site bytes served by CloudFront a month, GB. */
  readonly siteGbOut: number;
  /** Pipeline runs a month. */
  readonly deploysPerMonth: number;
  /** Build minutes each CodeBuild project runs per deploy. */
  readonly buildMinutesPerDeploy: number;
  /** Average API tasks running (autoscaling); never below the template's minimum. */
  readonly avgTaskCount: number;
  /** Static site requests a month through CloudFront. */
  readonly siteRequestsPerMonth: number;
  /** Share of API requests whose traces are recorded (X-Ray default rule: about 5%). */
  readonly traceSampleRate: number;
  /** Prometheus series the collector sends to AMP. */
  readonly prometheusActiveSeries: number;
  readonly prometheusScrapeIntervalSeconds: number;
  /** Active Managed Grafana users a month. */
  readonly grafanaEditors: number;
  readonly grafanaViewers: number;
  /** Size of one API image in ECR, GB, and how many images are kept. */
  readonly imageGb: number;
  readonly imagesStored: number;
  /** GB stored in the site bucket, and in each other bucket (pipeline artifacts, logs). */
  readonly siteGbStored: number;
  readonly bucketGbStored: number;
  /** GB a month through a NAT (gateway or instance): image pulls, package downloads. */
  readonly natGbPerMonth: number;
  /** Database I/O requests a month (only Aurora bills them; used by --compare). */
  readonly dbIoPerMonth: number;
}

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
