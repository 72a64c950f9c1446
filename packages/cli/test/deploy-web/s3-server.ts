import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { createClients } from '../../src/deploy-web/index.ts';

/** A real S3-wire-protocol server (s3rver) on a free loopback port, storing objects in a temp folder. */
export interface TestS3 {
  endpoint: string;
  bucket: string;
  s3: S3Client;
  stop(): Promise<void>;
}

export async function startTestS3(bucket = 'shop-site'): Promise<TestS3> {
  const directory = mkdtempSync(path.join(tmpdir(), 'shoestring-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  // s3rver accepts any key pair; setting them keeps the SDK from searching the machine for credentials.
  process.env.AWS_ACCESS_KEY_ID ??= 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'S3RVER';
  const { s3 } = createClients({ endpoint, region: 'us-east-1' });
  return {
    endpoint,
    bucket,
    s3,
    async stop() {
      s3.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
