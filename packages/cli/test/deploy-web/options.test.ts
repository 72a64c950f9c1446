import { siteConfigFor } from '@shoestring/contract';
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

  it("builds the site's config.json from the stage's sign-in outputs, or none without them", () => {
    const issuer = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123';
    const hostedUi = 'https://shop-dev.auth.eu-west-1.amazoncognito.com';
    const flags = [
      '--site-url',
      'https://shop.example.com/',
      '--auth-issuer',
      issuer,
      '--auth-client-id',
      'c1',
    ];
    expect(parseDeployWebArgs([...base, ...flags])?.options.siteConfig).toEqual(
      siteConfigFor('https://shop.example.com', { authority: issuer, clientId: 'c1' }),
    );
    expect(
      parseDeployWebArgs([...base, ...flags, '--auth-hosted-ui-url', `${hostedUi}/`])?.options.siteConfig
        ?.auth.logoutEndpoint,
    ).toBe(`${hostedUi}/logout`);
    expect(parseDeployWebArgs(base)?.options.siteConfig).toBeUndefined();
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
    [
      [...base, '--auth-issuer', 'https://issuer.example.com'],
      /--site-url, --auth-issuer and --auth-client-id go together/,
    ],
    [
      [
        ...base,
        '--site-url',
        'https://s.example.com',
        '--auth-issuer',
        'http://issuer',
        '--auth-client-id',
        'c',
      ],
      /--auth-issuer "http:\/\/issuer" is not an https URL/,
    ],
  ])('%j is rejected with a specific message', (argv, message) => {
    expect(() => parseDeployWebArgs(argv)).toThrow(CliError);
    expect(() => parseDeployWebArgs(argv)).toThrow(message);
  });

  it('lets --dry-run go without a distribution', () => {
    expect(parseDeployWebArgs(['--bucket', 'shop-site', '--dry-run'])?.options.distributionId).toBe('');
  });
});
