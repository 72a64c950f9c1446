import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { run } from '../../src/commands/deploy-web.ts';
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
