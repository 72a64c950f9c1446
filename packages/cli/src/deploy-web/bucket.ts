import { createReadStream } from 'node:fs';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { CliError } from '../cli-error.ts';
import type { LocalFile } from './local-files.ts';
import { type DeployManifest, emptyManifest, MANIFEST_KEY, parseManifest } from './manifest.ts';
import type { RemoteObject } from './plan.ts';

/** S3 accepts at most 1,000 keys per DeleteObjects request. */
const DELETE_BATCH = 1000;

/** The site bucket: every S3 call deploy-web makes, with errors that name the bucket and the fix. */
export class SiteBucket {
  constructor(
    private readonly s3: S3Client,
    readonly name: string,
  ) {}

  /** Every object except the manifest, by key. */
  async list(): Promise<Map<string, RemoteObject>> {
    const objects = new Map<string, RemoteObject>();
    let token: string | undefined;
    do {
      const page = await this.call('list', () =>
        this.s3.send(new ListObjectsV2Command({ Bucket: this.name, ContinuationToken: token })),
      );
      for (const item of page.Contents ?? []) {
        if (!item.Key || item.Key === MANIFEST_KEY) continue;
        objects.set(item.Key, { etag: item.ETag ?? '', size: item.Size ?? 0 });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return objects;
  }

  async readManifest(): Promise<DeployManifest> {
    try {
      const result = await this.s3.send(new GetObjectCommand({ Bucket: this.name, Key: MANIFEST_KEY }));
      return parseManifest((await result.Body?.transformToString()) ?? '', this.name);
    } catch (error) {
      if (error instanceof NoSuchKey) return emptyManifest();
      throw this.explain('read the deploy manifest from', error);
    }
  }

  async writeManifest(manifest: DeployManifest): Promise<void> {
    await this.call('write the deploy manifest to', () =>
      this.s3.send(
        new PutObjectCommand({
          Bucket: this.name,
          Key: MANIFEST_KEY,
          Body: `${JSON.stringify(manifest, null, 2)}\n`,
          ContentType: 'application/json; charset=utf-8',
          CacheControl: 'no-store',
        }),
      ),
    );
  }

  /** Uploads one file with its headers; the MD5 lets S3 reject a corrupted body. Returns the new ETag. */
  async upload(file: LocalFile): Promise<string> {
    const result = await this.call(`upload ${file.key} to`, () =>
      this.s3.send(
        new PutObjectCommand({
          Bucket: this.name,
          Key: file.key,
          Body: file.content ?? createReadStream(file.absolutePath),
          ContentLength: file.size,
          ContentMD5: Buffer.from(file.md5, 'hex').toString('base64'),
          ContentType: file.contentType,
          CacheControl: file.cacheControl,
        }),
      ),
    );
    return result.ETag ?? '';
  }

  async delete(keys: string[]): Promise<void> {
    for (let start = 0; start < keys.length; start += DELETE_BATCH) {
      const batch = keys.slice(start, start + DELETE_BATCH);
      const result = await this.call('delete old objects from', () =>
        this.s3.send(
          new DeleteObjectsCommand({
            Bucket: this.name,
            Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
          }),
        ),
      );
      const failed = result.Errors ?? [];
      if (failed.length > 0) {
        const first = failed[0];
        throw new CliError(
          `Could not delete ${failed.length} old object(s) from s3://${this.name}, e.g. ${first?.Key}: ` +
            `${first?.Code} ${first?.Message}. Grant s3:DeleteObject on the bucket and deploy again.`,
        );
      }
    }
  }

  private async call<T>(action: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      throw this.explain(action, error);
    }
  }

  private explain(action: string, error: unknown): Error {
    return explainS3Error(`Could not ${action} s3://${this.name}`, error);
  }
}

const S3_FIXES: Record<string, string> = {
  NoSuchBucket: 'check --bucket (the SSM parameter /<project>/<stage>/site/bucket-name holds it)',
  AccessDenied: 'check the credentials and that their role may read, write and delete in the bucket',
  InvalidAccessKeyId: 'check the AWS credentials (AWS_PROFILE or AWS_ACCESS_KEY_ID)',
  SignatureDoesNotMatch: 'check the AWS secret key and --region',
};

/** Turns what the SDK throws before or after S3 answers into one message with the fix. */
function explainS3Error(what: string, error: unknown): Error {
  if (error instanceof S3ServiceException) {
    const hint = S3_FIXES[error.name] ?? 'check the bucket name, the credentials and --region';
    return new CliError(`${what}: ${error.name}: ${error.message}. Fix: ${hint}.`);
  }
  const { name, message, code } = error as Error & { code?: string };
  if (name === 'CredentialsProviderError') {
    return new CliError(
      `${what}: no AWS credentials found (${message}). Fix: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and ` +
        'AWS_SECRET_ACCESS_KEY, or run where a role is attached (CodeBuild, ECS).',
    );
  }
  if (/Region is missing/i.test(message ?? '')) {
    return new CliError(`${what}: no AWS region. Fix: pass --region or set AWS_REGION.`);
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ECONNRESET') {
    return new CliError(
      `${what}: the S3 endpoint is unreachable (${code}). Fix: check --endpoint and the network.`,
    );
  }
  return error as Error;
}
