import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cdkCliEnvironment } from '../../src/checks/aws-environment.ts';
import { loadConfig } from '../../src/config/load.ts';

/** A shared AWS config file with one profile, as `aws configure --profile team` writes it. */
function profileFile(region: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'shoestring-aws-')), 'config');
  writeFileSync(file, `[profile team]\nregion = ${region}\n`);
  return file;
}

/** No region from anywhere but what a test sets. */
function clearRegionSources() {
  for (const name of ['CDK_DEFAULT_REGION', 'CDK_DEFAULT_ACCOUNT', 'AWS_REGION', 'AWS_DEFAULT_REGION'])
    vi.stubEnv(name, undefined);
  vi.stubEnv('AWS_CONFIG_FILE', join(tmpdir(), 'shoestring-no-such-aws-config'));
  vi.stubEnv('AWS_PROFILE', undefined);
}

describe('the region npm run deploy loads the config with (the one cdk deploy uses)', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("GIVEN only a profile with a region THEN it is the profile's, and a config naming none resolves to it", async () => {
    clearRegionSources();
    vi.stubEnv('AWS_CONFIG_FILE', profileFile('eu-central-1'));
    vi.stubEnv('AWS_PROFILE', 'team');
    const env = await cdkCliEnvironment();
    expect(env.region).toBe('eu-central-1');
    const config = await loadConfig('dev', { env });
    expect(config.region).toBe('eu-central-1');
    expect(config.network.availabilityZones).toEqual(['eu-central-1a', 'eu-central-1b']);
  });

  it('GIVEN AWS_REGION and a profile THEN AWS_REGION wins, as for the SDK and the CDK CLI', async () => {
    clearRegionSources();
    vi.stubEnv('AWS_CONFIG_FILE', profileFile('eu-central-1'));
    vi.stubEnv('AWS_PROFILE', 'team');
    vi.stubEnv('AWS_REGION', 'ap-southeast-2');
    expect((await cdkCliEnvironment()).region).toBe('ap-southeast-2');
  });

  it("GIVEN the CDK CLI's variables THEN they win", async () => {
    clearRegionSources();
    vi.stubEnv('AWS_REGION', 'ap-southeast-2');
    vi.stubEnv('CDK_DEFAULT_REGION', 'sa-east-1');
    vi.stubEnv('CDK_DEFAULT_ACCOUNT', '123456789012');
    expect(await cdkCliEnvironment()).toEqual({ account: '123456789012', region: 'sa-east-1' });
  });

  it("GIVEN no region anywhere THEN none, and the config's default (us-east-1) applies", async () => {
    clearRegionSources();
    const env = await cdkCliEnvironment();
    expect(env.region).toBeUndefined();
    expect((await loadConfig('dev', { env })).region).toBe('us-east-1');
  });
});
