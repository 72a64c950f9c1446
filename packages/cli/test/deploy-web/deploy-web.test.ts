import {
  CloudFrontClient,
  CreateInvalidationCommand,
  GetInvalidationCommand,
} from '@aws-sdk/client-cloudfront';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { type SiteConfig, siteConfigFor } from '@shoestring/contract';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type DeploySummary,
  type DeployWebOptions,
  deployWeb,
  type GracePeriod,
  IMMUTABLE_CACHE_CONTROL,
  MANIFEST_KEY,
  parseDeployWebArgs,
  REVALIDATE_CACHE_CONTROL,
} from '../../src/deploy-web/index.ts';
import { startTestS3, type TestS3 } from './s3-server.ts';
import { SiteFixture } from './site-fixture.ts';

const DISTRIBUTION = 'E2QWRUHEXAMPLE';
const T0 = new Date('2026-11-01T10:00:00Z');

let server: TestS3;
let site: SiteFixture;
const cloudfront = new CloudFrontClient({ region: 'us-east-1' });
const cloudfrontMock = mockClient(cloudfront);

beforeAll(async () => {
  server = await startTestS3();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(async () => {
  site = SiteFixture.initial();
  cloudfrontMock.reset();
  cloudfrontMock.on(CreateInvalidationCommand).callsFake((input) => ({
    Invalidation: {
      Id: `I${cloudfrontMock.commandCalls(CreateInvalidationCommand).length}`,
      Status: 'InProgress',
    },
    Location: input.DistributionId,
  }));
  await emptyBucket();
});
afterEach(() => site.dispose());

interface Run {
  summary: DeploySummary;
  log: string[];
}

async function deploy(overrides: Partial<DeployWebOptions> = {}, now = T0): Promise<Run> {
  const log: string[] = [];
  const options: DeployWebOptions = {
    bucket: server.bucket,
    distributionId: DISTRIBUTION,
    dir: site.dir,
    dryRun: false,
    invalidateAll: false,
    wait: false,
    grace: { hours: 48 },
    ...overrides,
  };
  const summary = await deployWeb(options, {
    s3: server.s3,
    cloudfront,
    now: () => now,
    log: (l) => log.push(l),
  });
  return { summary, log };
}

function invalidationBatches() {
  return cloudfrontMock.commandCalls(CreateInvalidationCommand).map((call) => call.args[0].input);
}

async function bucketKeys(): Promise<string[]> {
  const listing = await server.s3.send(new ListObjectsV2Command({ Bucket: server.bucket }));
  return (listing.Contents ?? []).map((item) => item.Key ?? '').sort();
}

async function emptyBucket(): Promise<void> {
  const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
  for (const Key of await bucketKeys())
    await server.s3.send(new DeleteObjectCommand({ Bucket: server.bucket, Key }));
}

async function head(key: string) {
  return server.s3.send(new HeadObjectCommand({ Bucket: server.bucket, Key: key }));
}

const ALL_FILES = [
  'assets/index-Ab3dE5fG.js',
  'assets/index-Xy9zW8vU.css',
  'favicon.svg',
  'index.html',
  'robots.txt',
];

describe('deploy-web against a real S3 server', () => {
  it('first deploy uploads every file with its type and cache policy, assets before HTML', async () => {
    const { summary, log } = await deploy();

    expect(summary.uploaded.slice(0, 2)).toEqual(['assets/index-Ab3dE5fG.js', 'assets/index-Xy9zW8vU.css']);
    expect(summary.uploaded.at(-1)).toBe('index.html');
    expect(summary).toMatchObject({ skipped: 0, deleted: [], deployNumber: 1 });
    expect(summary.bytesUploaded).toBeGreaterThan(100);
    expect(await bucketKeys()).toEqual([MANIFEST_KEY, ...ALL_FILES].sort());
    const uploadLines = log.filter((line) => line.includes('] uploaded '));
    expect(uploadLines.at(-1)).toMatch(/^\[5\/5\] uploaded index\.html/);

    const script = await head('assets/index-Ab3dE5fG.js');
    expect(script.ContentType).toBe('text/javascript; charset=utf-8');
    expect(script.CacheControl).toBe(IMMUTABLE_CACHE_CONTROL);
    const html = await head('index.html');
    expect(html.ContentType).toBe('text/html; charset=utf-8');
    expect(html.CacheControl).toBe(REVALIDATE_CACHE_CONTROL);
    expect((await head('favicon.svg')).ContentType).toBe('image/svg+xml');
    expect((await head('robots.txt')).CacheControl).toBe(REVALIDATE_CACHE_CONTROL);

    expect(invalidationBatches()).toEqual([
      {
        DistributionId: DISTRIBUTION,
        InvalidationBatch: {
          CallerReference: `shoestring-deploy-web-1-${T0.getTime()}-1`,
          Paths: { Quantity: 4, Items: ['/', '/favicon.svg', '/index.html', '/robots.txt'] },
        },
      },
    ]);
    expect(log.at(-1)).toContain('Deploy #1: uploaded 5 file(s)');
  });

  it('an unchanged redeploy uploads nothing and invalidates nothing', async () => {
    await deploy();
    cloudfrontMock.resetHistory();

    const { summary, log } = await deploy();

    expect(summary).toMatchObject({ uploaded: [], skipped: 5, invalidatedPaths: [], deployNumber: 2 });
    expect(invalidationBatches()).toEqual([]);
    expect(log.at(-1)).toContain('uploaded 0 file(s) (0 B), skipped 5 unchanged');
  });

  it('one changed asset uploads the new asset and the page, and invalidates only the page', async () => {
    await deploy();
    cloudfrontMock.resetHistory();
    site.replaceScript('assets/index-Ab3dE5fG.js', 'assets/index-Q1w2E3r4.js', 'console.log("v2");');

    const { summary } = await deploy();

    expect(summary.uploaded).toEqual(['assets/index-Q1w2E3r4.js', 'index.html']);
    expect(summary.skipped).toBe(3);
    expect(invalidationBatches().map((input) => input.InvalidationBatch?.Paths)).toEqual([
      { Quantity: 2, Items: ['/', '/index.html'] },
    ]);
    // The old script stays for open tabs that still run the old page.
    expect(summary.retained).toBe(1);
    expect(await bucketKeys()).toContain('assets/index-Ab3dE5fG.js');
  });

  it('a changed stable-named file is invalidated by its own path', async () => {
    await deploy();
    cloudfrontMock.resetHistory();
    site.write('robots.txt', 'User-agent: *\nDisallow: /admin\n');

    const { summary } = await deploy();

    expect(summary.uploaded).toEqual(['robots.txt']);
    expect(invalidationBatches().map((input) => input.InvalidationBatch?.Paths?.Items)).toEqual([
      ['/robots.txt'],
    ]);
    const body = await server.s3.send(new GetObjectCommand({ Bucket: server.bucket, Key: 'robots.txt' }));
    expect(await body.Body?.transformToString()).toContain('Disallow: /admin');
  });

  it('re-uploads an object someone replaced behind its back', async () => {
    await deploy();
    await server.s3.send(
      new PutObjectCommand({
        Bucket: server.bucket,
        Key: 'index.html',
        Body: 'defaced',
        ContentType: 'text/html',
      }),
    );

    const { summary } = await deploy();

    expect(summary.uploaded).toEqual(['index.html']);
    expect((await head('index.html')).CacheControl).toBe(REVALIDATE_CACHE_CONTROL);
  });

  it('--dry-run writes nothing and calls no CloudFront API', async () => {
    const { summary, log } = await deploy({ dryRun: true });

    expect(summary.uploaded).toHaveLength(5);
    expect(await bucketKeys()).toEqual([]);
    expect(cloudfrontMock.calls()).toHaveLength(0);
    expect(log.filter((line) => line.startsWith('[5/5] would upload index.html'))).toHaveLength(1);
    expect(log.at(-1)).toMatch(/^Dry run, nothing written\. Would have uploaded 5 file\(s\)/);
  });

  it('--invalidate-all sends /* and --wait waits for the invalidation', async () => {
    cloudfrontMock
      .on(GetInvalidationCommand)
      .resolves({ Invalidation: { Id: 'I1', Status: 'Completed' } as never });

    const { summary } = await deploy({ invalidateAll: true, wait: true });

    expect(summary.invalidatedPaths).toEqual(['/*']);
    expect(invalidationBatches()[0]?.InvalidationBatch?.Paths).toEqual({ Quantity: 1, Items: ['/*'] });
    expect(cloudfrontMock.commandCalls(GetInvalidationCommand)[0]?.args[0].input).toEqual({
      DistributionId: DISTRIBUTION,
      Id: 'I1',
    });
  });
});

describe('removed files and the grace period', () => {
  /** Deploys the site as it stands, which no longer holds the file the test removed. */
  async function deployWithout(grace: GracePeriod, now: Date) {
    return deploy({ grace }, now);
  }

  it('--grace-deploys 1 keeps a removed file for one deploy, then deletes it', async () => {
    const grace = { deploys: 1 };
    await deploy({ grace });
    site.remove('favicon.svg');

    const second = await deployWithout(grace, T0);
    expect(second.summary).toMatchObject({ deleted: [], retained: 1 });
    expect(await bucketKeys()).toContain('favicon.svg');

    const third = await deployWithout(grace, T0);
    expect(third.summary).toMatchObject({ deleted: ['favicon.svg'], retained: 0 });
    expect(await bucketKeys()).not.toContain('favicon.svg');
    expect(third.log).toContain('deleting favicon.svg (left the build, grace period over)');
  });

  it('--grace-hours counts from the first deploy without the file', async () => {
    const grace = { hours: 24 };
    await deploy({ grace }, T0);
    site.remove('favicon.svg');
    const hours = (h: number) => new Date(T0.getTime() + h * 3_600_000);

    expect((await deployWithout(grace, hours(100))).summary.retained).toBe(1);
    expect((await deployWithout(grace, hours(123))).summary.deleted).toEqual([]);
    expect((await deployWithout(grace, hours(124))).summary.deleted).toEqual(['favicon.svg']);
    expect(await bucketKeys()).not.toContain('favicon.svg');
  });

  it('an object the tool never uploaded starts its grace period instead of being deleted on sight', async () => {
    await server.s3.send(
      new PutObjectCommand({ Bucket: server.bucket, Key: 'legacy/old.html', Body: 'old' }),
    );

    const first = await deploy({ grace: { deploys: 1 } });
    expect(first.summary).toMatchObject({ deleted: [], retained: 1 });
    const second = await deploy({ grace: { deploys: 1 } });
    expect(second.summary.deleted).toEqual(['legacy/old.html']);
  });
});

describe('deploy-web cache policy from the bundler output', () => {
  it('a Vite hash without a digit is immutable (no manifest: everything under assets/)', async () => {
    site.write('assets/index-CGGIyfqh.js', 'console.log("digitless");');

    await deploy();

    expect((await head('assets/index-CGGIyfqh.js')).CacheControl).toBe(IMMUTABLE_CACHE_CONTROL);
    expect((await head('assets/index-Ab3dE5fG.js')).CacheControl).toBe(IMMUTABLE_CACHE_CONTROL);
    expect((await head('index.html')).CacheControl).toBe(REVALIDATE_CACHE_CONTROL);
    expect((await head('robots.txt')).CacheControl).toBe(REVALIDATE_CACHE_CONTROL);
  });

  it("with Vite's manifest, exactly its file, css and assets entries are immutable; .vite/ is not uploaded", async () => {
    site.write('assets/index-CGGIyfqh.js', 'console.log("digitless");');
    site.write('assets/logo-abcdefgh.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
    site.write('assets/not-in-manifest.js', 'console.log("stray");');
    site.write(
      '.vite/manifest.json',
      JSON.stringify({
        'index.html': {
          file: 'assets/index-CGGIyfqh.js',
          css: ['assets/index-Xy9zW8vU.css'],
          assets: ['assets/logo-abcdefgh.svg'],
          isEntry: true,
        },
      }),
    );

    const { summary } = await deploy();

    expect((await head('assets/index-CGGIyfqh.js')).CacheControl).toBe(IMMUTABLE_CACHE_CONTROL);
    expect((await head('assets/index-Xy9zW8vU.css')).CacheControl).toBe(IMMUTABLE_CACHE_CONTROL);
    expect((await head('assets/logo-abcdefgh.svg')).CacheControl).toBe(IMMUTABLE_CACHE_CONTROL);
    expect((await head('assets/not-in-manifest.js')).CacheControl).toBe(REVALIDATE_CACHE_CONTROL);
    expect((await head('index.html')).CacheControl).toBe(REVALIDATE_CACHE_CONTROL);
    expect(summary.uploaded).not.toContain('.vite/manifest.json');
    expect((await bucketKeys()).filter((key) => key.startsWith('.vite/'))).toEqual([]);
  });
});

describe("the site's runtime config.json from the stage's sign-in outputs", () => {
  const POOL = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC123';
  const HOSTED_UI = 'https://shop-dev-123456789012.auth.eu-west-1.amazoncognito.com';
  const SITE = 'https://d111111abcdef8.cloudfront.net';
  /** The options `shoestring deploy-web` builds from the flags the site pipeline passes (SSM parameters). */
  const signIn = (clientId: string) =>
    parseDeployWebArgs([
      ...['--bucket', server.bucket, '--distribution', DISTRIBUTION],
      ...['--site-url', SITE, '--auth-issuer', POOL, '--auth-client-id', clientId],
      ...['--auth-hosted-ui-url', HOSTED_UI],
    ])?.options.siteConfig;

  async function storedConfig(): Promise<SiteConfig> {
    const object = await server.s3.send(new GetObjectCommand({ Bucket: server.bucket, Key: 'config.json' }));
    return JSON.parse((await object.Body?.transformToString()) ?? '') as SiteConfig;
  }

  it('is written in the shape the site reads, no-cache, and invalidated with the first deploy', async () => {
    const { summary, log } = await deploy({ siteConfig: signIn('client-one') });

    expect(await storedConfig()).toEqual(
      siteConfigFor(SITE, { authority: POOL, clientId: 'client-one', logoutEndpoint: `${HOSTED_UI}/logout` }),
    );
    expect((await storedConfig()).auth.redirectUri).toBe(`${SITE}/auth/callback`);
    const object = await head('config.json');
    expect(object.CacheControl).toBe(REVALIDATE_CACHE_CONTROL);
    expect(object.ContentType).toBe('application/json; charset=utf-8');
    // Uploaded before the page that loads it.
    expect(summary.uploaded.indexOf('config.json')).toBeLessThan(summary.uploaded.indexOf('index.html'));
    expect(invalidationBatches()[0]?.InvalidationBatch?.Paths?.Items).toContain('/config.json');
    expect(log).toContain(
      `config.json: sign-in with ${POOL} (client client-one), back to ${SITE}/auth/callback`,
    );
  });

  it('a new client id uploads and invalidates config.json alone; the same settings change nothing', async () => {
    await deploy({ siteConfig: signIn('client-one') });
    cloudfrontMock.resetHistory();

    const changed = await deploy({ siteConfig: signIn('client-two') });
    expect(changed.summary.uploaded).toEqual(['config.json']);
    expect(invalidationBatches().map((input) => input.InvalidationBatch?.Paths?.Items)).toEqual([
      ['/config.json'],
    ]);
    expect((await storedConfig()).auth.clientId).toBe('client-two');

    cloudfrontMock.resetHistory();
    const same = await deploy({ siteConfig: signIn('client-two') });
    expect(same.summary.uploaded).toEqual([]);
    expect(invalidationBatches()).toEqual([]);
  });

  it("replaces a config.json in the build with the stage's", async () => {
    site.write('config.json', '{"auth":{"authority":"http://127.0.0.1:9999"}}');

    await deploy({ siteConfig: signIn('client-one') });

    expect((await storedConfig()).auth.authority).toBe(POOL);
  });

  it("a deploy without the settings leaves the stage's config.json in place, past any grace period", async () => {
    await deploy({ siteConfig: signIn('client-one'), grace: { deploys: 0 } });

    site.write('config.json', '{"auth":{"authority":"http://127.0.0.1:9999"}}');
    const without = await deploy({ grace: { deploys: 0 } });
    await deploy({ grace: { deploys: 0 } });

    expect(without.summary.deleted).toEqual([]);
    expect(await bucketKeys()).toContain('config.json');
    expect((await storedConfig()).auth.clientId).toBe('client-one');
    expect(without.log.some((line) => line.startsWith('config.json: no sign-in settings given'))).toBe(true);
  });
});
