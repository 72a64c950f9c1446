import {
  CloudFrontClient,
  CreateInvalidationCommand,
  GetInvalidationCommand,
} from '@aws-sdk/client-cloudfront';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { invalidate } from '../../src/deploy-web/invalidation.ts';

function mockedCloudFront() {
  const cloudfront = new CloudFrontClient({ region: 'us-east-1' });
  const mock = mockClient(cloudfront);
  let count = 0;
  mock.on(CreateInvalidationCommand).callsFake(() => ({ Invalidation: { Id: `I${++count}` } }));
  mock.on(GetInvalidationCommand).resolves({ Invalidation: { Status: 'Completed' } as never });
  return { cloudfront, mock };
}

const paths = (n: number) => Array.from({ length: n }, (_, i) => `/page-${i}.html`);

describe('invalidate', () => {
  it('sends 2,500 paths as batches of 1,000, 1,000 and 500 with distinct caller references', async () => {
    const { cloudfront, mock } = mockedCloudFront();

    const ids = await invalidate(cloudfront, {
      distributionId: 'E1',
      paths: paths(2500),
      wait: false,
      reference: 'ref',
      log: () => {},
    });

    const batches = mock
      .commandCalls(CreateInvalidationCommand)
      .map((call) => call.args[0].input.InvalidationBatch);
    expect(batches.map((batch) => [batch?.CallerReference, batch?.Paths?.Quantity])).toEqual([
      ['ref-1', 1000],
      ['ref-2', 1000],
      ['ref-3', 500],
    ]);
    expect(batches[2]?.Paths?.Items?.[0]).toBe('/page-2000.html');
    expect(ids).toEqual(['I1', 'I2', 'I3']);
    expect(mock.commandCalls(GetInvalidationCommand)).toHaveLength(0);
  });

  it('waits for each batch when more than 3,000 paths would be in progress at once', async () => {
    const { cloudfront, mock } = mockedCloudFront();

    await invalidate(cloudfront, {
      distributionId: 'E1',
      paths: paths(3001),
      wait: false,
      reference: 'r',
      log: () => {},
    });

    expect(mock.commandCalls(GetInvalidationCommand).map((call) => call.args[0].input.Id)).toEqual([
      'I1',
      'I2',
      'I3',
      'I4',
    ]);
  });

  it('gives up waiting with a message that says the files are uploaded and how to check', async () => {
    const { cloudfront, mock } = mockedCloudFront();
    mock.on(GetInvalidationCommand).resolves({ Invalidation: { Status: 'InProgress' } as never });

    const attempt = invalidate(cloudfront, {
      distributionId: 'E1',
      paths: ['/index.html'],
      wait: true,
      reference: 'r',
      maxWaitSeconds: 2,
      log: () => {},
    });

    await expect(attempt).rejects.toThrow(
      /Invalidation I1 on E1 did not complete within 2 seconds .*The files are uploaded; check it with aws cloudfront get-invalidation/,
    );
  });
});

describe('invalidate against an unreachable CloudFront', () => {
  it('ends in a one-line CliError, not an uncaught network error', async () => {
    const { createServer } = await import('node:net');
    const { CliError } = await import('../../src/cli-error.ts');
    // A port that was just free and is now closed: connections are refused at once.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address() as { port: number };
        probe.close(() => resolve(address.port));
      });
    });
    const cloudfront = new CloudFrontClient({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });

    const error = await invalidate(cloudfront, {
      distributionId: 'E1',
      paths: ['/index.html'],
      wait: false,
      reference: 'ref',
      log: () => {},
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CliError);
    const message = (error as Error).message;
    expect(message).toContain('Could not reach CloudFront');
    expect(message).toContain('E1');
    expect(message).not.toContain('\n');
  });
});
