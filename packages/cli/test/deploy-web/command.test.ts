import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { findFreePort } from '@shoestring/dbtools';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { run } from '../../src/commands/deploy-web.ts';
import { deployWeb } from '../../src/deploy-web/index.ts';
import { main } from '../../src/main.ts';
import { startTestS3, type TestS3 } from './s3-server.ts';
import { SiteFixture } from './site-fixture.ts';

let server: TestS3;
let site: SiteFixture;
beforeAll(async () => {
  server = await startTestS3('command-site');
  site = SiteFixture.initial();
});
afterAll(async () => {
  site.dispose();
  await server.stop();
});

it('shoestring deploy-web --dry-run plans against the endpoint and writes nothing', async () => {
  const printed: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((line: string) => printed.push(line));
  const argv = [
    '--bucket',
    server.bucket,
    '--dir',
    site.dir,
    '--endpoint',
    server.endpoint,
    '--region',
    'us-east-1',
  ];

  const code = await run([...argv, '--dry-run']).finally(() => spy.mockRestore());

  expect(code).toBe(0);
  expect(printed.at(-1)).toMatch(/^Dry run, nothing written\. Would have uploaded 5 file\(s\)/);
  const listing = await server.s3.send(new ListObjectsV2Command({ Bucket: server.bucket }));
  expect(listing.KeyCount).toBe(0);
});

it('names the fix when no credentials can be found', async () => {
  // What the SDK's default chain throws when every provider comes up empty.
  const noCredentials = Object.assign(new Error('Could not load credentials from any providers'), {
    name: 'CredentialsProviderError',
  });
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint: server.endpoint,
    forcePathStyle: true,
    credentials: () => Promise.reject(noCredentials),
  });
  const options = {
    bucket: server.bucket,
    distributionId: 'E2QWRUHEXAMPLE',
    dir: site.dir,
    dryRun: true,
    invalidateAll: false,
    wait: false,
    grace: { hours: 48 },
  };

  const attempt = deployWeb(options, {
    s3,
    cloudfront: new CloudFrontClient({ region: 'us-east-1' }),
    log: () => {},
  });

  await expect(attempt).rejects.toThrow(/no AWS credentials found .* Fix: set AWS_PROFILE/);
});

it('names the fix when the endpoint is unreachable', async () => {
  const free = await findFreePort();
  const argv = ['--bucket', server.bucket, '--dir', site.dir, '--endpoint', `http://127.0.0.1:${free}`];

  await expect(run([...argv, '--region', 'us-east-1', '--dry-run'])).rejects.toThrow(
    /the S3 endpoint is unreachable \(ECONNREFUSED\)/,
  );
});

it('is reachable as `shoestring deploy-web`, with usage on --help and one-line errors', async () => {
  const printed: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: string) => printed.push(line));
  const error = vi.spyOn(console, 'error').mockImplementation((line: string) => printed.push(line));
  try {
    expect(await main(['deploy-web', '--help'])).toBe(0);
    expect(printed[0]).toMatch(/^Usage: shoestring deploy-web --bucket B --distribution D/);
    expect(await main(['deploy-web', '--distribution', 'E2QWRUHEXAMPLE'])).toBe(1);
    expect(printed.at(-1)).toBe('shoestring deploy-web: --bucket is required: the name of the site bucket.');
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
});
