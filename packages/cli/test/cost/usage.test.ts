import { ConfigError, resolveStage, UsageSchema } from '@shoestring/infra/config';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli-error.ts';
import { DEFAULT_USAGE, resolveUsage } from '../../src/cost/usage.ts';

const ENV = { account: '123456789012', region: 'us-east-1' };
const FIELDS = Object.keys(UsageSchema.properties);
/** Values on both sides of every usage rule: negatives, a share above 1, a zero interval, a string, edges. */
const PROBES: unknown[] = [-1, -0.01, 0, 0.5, 1, 1.01, 60, 5_000_000, '5', null];

/** What the config says about `usage.<field> = value`: undefined when accepted, else its fix text. */
function configVerdict(field: string, value: unknown): string | undefined {
  try {
    resolveStage({ stages: { dev: { usage: { [field]: value } as never } } }, 'dev', ENV);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const problem = (error as ConfigError).problems.find((p) => p.field === `stages.dev.usage.${field}`);
    return problem?.fix;
  }
}

/** What `shoestring cost --usage` says about the same value: undefined when accepted, else its message. */
function costVerdict(field: string, value: unknown): string | undefined {
  try {
    resolveUsage([{ from: 'usage.json', values: { [field]: value }, strict: true }]);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return (error as Error).message;
  }
}

describe('the cost tool checks usage with the config schema', () => {
  it('THEN its defaults are the config defaults, field for field', () => {
    expect(DEFAULT_USAGE).toEqual(resolveStage({}, 'dev', ENV).usage);
    expect(Object.keys(DEFAULT_USAGE)).toEqual(FIELDS);
  });

  it.each(FIELDS)(
    'GIVEN usage field %s WHEN probed with values on both sides of its rule THEN config and cost tool agree, with the same fix',
    (field) => {
      let refused = 0;
      for (const value of PROBES) {
        const config = configVerdict(field, value);
        const cost = costVerdict(field, value);
        expect(cost === undefined, `${field} = ${JSON.stringify(value)}`).toBe(config === undefined);
        if (config !== undefined) {
          refused += 1;
          expect(cost).toBe(`usage field "${field}" in usage.json: ${config}.`);
        }
      }
      expect(refused).toBeGreaterThanOrEqual(4); // the negatives, the string and null at least
    },
  );

  it('GIVEN the share and the interval rules THEN 1.01 is no share and 0 s no interval, in both places', () => {
    expect(costVerdict('traceSampleRate', 1.01)).toMatch(/got 1\.01; use a number from 0 to 1/);
    expect(configVerdict('traceSampleRate', 1.01)).toMatch(/got 1\.01; use a number from 0 to 1/);
    expect(costVerdict('prometheusScrapeIntervalSeconds', 0)).toMatch(/got 0; use a number above 0/);
    expect(configVerdict('prometheusScrapeIntervalSeconds', 0)).toMatch(/got 0; use a number above 0/);
  });

  it('GIVEN a misspelt field in a usage file THEN the cost tool names it and lists the schema fields', () => {
    expect(() => resolveUsage([{ from: 'u.json', values: { requestPerMonth: 5 }, strict: true }])).toThrow(
      /unknown usage field "requestPerMonth" in u\.json\. Known fields: requestsPerMonth, /,
    );
  });
});
