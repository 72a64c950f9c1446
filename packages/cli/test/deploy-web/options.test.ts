import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli-error.ts';
import { DEFAULT_GRACE, parseDeployWebArgs } from '../../src/deploy-web/index.ts';

const base = ['--bucket', 'shop-site', '--distribution', 'E2QWRUHEXAMPLE'];

describe('parseDeployWebArgs', () => {
  it('resolves --dir against the working folder and applies the default grace period', () => {
    const invocation = parseDeployWebArgs(base, '/repo');
    expect(invocation?.options).toMatchObject({
      dir: '/repo/apps/web/dist',
      grace: DEFAULT_GRACE,
      dryRun: false,
    });
  });

  it('reads the grace period, endpoint and region', () => {
    const invocation = parseDeployWebArgs(
      [...base, '--grace-deploys', '3', '--endpoint', 'http://127.0.0.1:9000', '--region', 'eu-west-1'],
      '/repo',
    );
    expect(invocation).toMatchObject({
      options: { grace: { deploys: 3 } },
      endpoint: 'http://127.0.0.1:9000',
      region: 'eu-west-1',
    });
  });

  it('returns undefined for --help', () => {
    expect(parseDeployWebArgs(['--help'])).toBeUndefined();
  });

  it.each([
    [[], /--bucket is required/],
    [['--bucket', 's3://shop-site'], /use --bucket shop-site/],
    [['--bucket', 'Shop_Site'], /not a valid S3 bucket name/],
    [['--bucket', 'shop-site'], /--distribution is required/],
    [['--bucket', 'shop-site', '--distribution', 'd111.cloudfront.net'], /not the domain name/],
    [[...base, '--grace-deploys', '2', '--grace-hours', '5'], /either --grace-deploys or --grace-hours/],
    [[...base, '--grace-deploys', '1.5'], /--grace-deploys must be a whole number/],
    [[...base, '--grace-hours=-1'], /--grace-hours must be a number of 0 or more/],
    [[...base, '--endpoint', 'localhost:9000'], /not an http\(s\) URL/],
    [[...base, '--bucket-name', 'x'], /Unknown option '--bucket-name'/],
  ])('%j is rejected with a specific message', (argv, message) => {
    expect(() => parseDeployWebArgs(argv)).toThrow(CliError);
    expect(() => parseDeployWebArgs(argv)).toThrow(message);
  });

  it('lets --dry-run go without a distribution', () => {
    expect(parseDeployWebArgs(['--bucket', 'shop-site', '--dry-run'])?.options.distributionId).toBe('');
  });
});
