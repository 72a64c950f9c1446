import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configWith } from './harness.ts';

const BIN = fileURLToPath(new URL('../../bin/shoestring.js', import.meta.url));

describe('shoestring doctor without credentials', () => {
  it('GIVEN no profile, keys, SSO session or instance role WHEN run THEN it says exactly that in one line, no stack, exit 1', () => {
    const nowhere = path.join(path.dirname(configWith()), 'no-such-file');
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_') && key !== 'DEBUG'),
    );
    const result = spawnSync(process.execPath, [BIN, 'doctor', '--stage', 'dev'], {
      env: {
        ...env,
        SHOESTRING_CONFIG: configWith(),
        AWS_SHARED_CREDENTIALS_FILE: nowhere,
        AWS_CONFIG_FILE: nowhere,
        AWS_EC2_METADATA_DISABLED: 'true',
        NODE_NO_WARNINGS: '1',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr.trim()).toBe(
      'shoestring doctor: no AWS credentials found (or they expired): set AWS_PROFILE, run `aws configure` or `aws sso login`, then run again.',
    );
    expect(result.stdout).toContain('shoestring doctor: stage dev, account 123456789012, us-east-1');
    expect(result.stdout).not.toMatch(/^ {4}at /m);
    expect(result.status).toBe(1);
  });
});
