import type { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SiteConfig } from '@shoestring/contract';
import pLimit from 'p-limit';
import { SiteBucket } from './bucket.ts';
import { invalidate } from './invalidation.ts';
import { type FileKind, type LocalFile, readBuild } from './local-files.ts';
import type { DeployManifest, ManifestEntry } from './manifest.ts';
import { type DeployPlan, type GracePeriod, planDeploy } from './plan.ts';
import { type DeploySummary, summaryLines, uploadLine } from './report.ts';
import { withSiteConfig } from './site-config.ts';

export interface DeployWebOptions {
  bucket: string;
  distributionId: string;
  /** The built site, e.g. `apps/web/dist`. */
  dir: string;
  dryRun: boolean;
  /** Invalidate `/*` instead of the changed paths (one path, billed as one). */
  invalidateAll: boolean;
  wait: boolean;
  grace: GracePeriod;
  /** Parallel uploads per phase. @default 8 */
  concurrency?: number;
  /**
   * The stage's sign-in settings, written to the bucket as `/config.json` (`--site-url`, `--auth-*`).
   * @default undefined - the bucket's `config.json` is left as it is
   */
  siteConfig?: SiteConfig;
}

export interface DeployWebContext {
  s3: S3Client;
  cloudfront: CloudFrontClient;
  /** @default () => new Date() */
  now?: () => Date;
  /** @default console.log */
  log?: (line: string) => void;
}

/**
 * Uploads the build by content and refreshes CloudFront: hashed assets, then other files, then HTML; invalidates
 * the changed stable-named paths; deletes objects past their grace period; records the result in the manifest.
 * The manifest is written last, so a deploy that fails part-way is simply run again.
 */
export async function deployWeb(
  options: DeployWebOptions,
  context: DeployWebContext,
): Promise<DeploySummary> {
  const log = context.log ?? console.log;
  const now = (context.now ?? (() => new Date()))();
  const bucket = new SiteBucket(context.s3, options.bucket);

  const build = await readBuild(options.dir);
  const [bucketObjects, manifest] = await Promise.all([bucket.list(), bucket.readManifest()]);
  const { files, remote, note } = withSiteConfig(build, bucketObjects, options.siteConfig, options.dir);
  const plan = planDeploy({ files, remote, manifest, grace: options.grace, now });
  const invalidationPaths = options.invalidateAll ? ['/*'] : plan.invalidationPaths;
  log(
    `${options.dryRun ? 'Planning' : 'Deploying'} ${files.length} file(s) from ${options.dir} to ` +
      `s3://${options.bucket} (deploy #${plan.deployNumber}): ${plan.uploads.length} changed, ` +
      `${plan.skipped.length} unchanged, ${plan.deletions.length} old object(s) past the grace period.`,
  );
  log(note);

  if (options.dryRun) {
    for (const [index, file] of plan.uploads.entries()) {
      log(uploadLine(file, index + 1, plan.uploads.length, true));
    }
    for (const key of plan.deletions) log(`would delete ${key}`);
    return finish(log, plan, invalidationPaths, [], true);
  }

  const uploaded = await uploadInOrder(bucket, plan.uploads, options.concurrency ?? 8, log);
  const invalidationIds =
    invalidationPaths.length === 0
      ? []
      : await invalidate(context.cloudfront, {
          distributionId: options.distributionId,
          paths: invalidationPaths,
          wait: options.wait,
          reference: `shoestring-deploy-web-${plan.deployNumber}-${now.getTime()}`,
          log,
        });
  for (const key of plan.deletions) log(`deleting ${key} (left the build, grace period over)`);
  await bucket.delete(plan.deletions);
  await bucket.writeManifest(nextManifest(plan, uploaded));
  return finish(log, plan, invalidationPaths, invalidationIds, false);
}

const PHASES: FileKind[] = ['asset', 'other', 'html'];

/** Uploads phase by phase: a page goes up only after every asset it may reference. Returns ETags by key. */
async function uploadInOrder(
  bucket: SiteBucket,
  uploads: LocalFile[],
  concurrency: number,
  log: (line: string) => void,
): Promise<Map<string, string>> {
  const etags = new Map<string, string>();
  const limit = pLimit(concurrency);
  for (const kind of PHASES) {
    const phase = uploads.filter((file) => file.kind === kind);
    await Promise.all(
      phase.map((file) =>
        limit(async () => {
          etags.set(file.key, await bucket.upload(file));
          log(uploadLine(file, etags.size, uploads.length, false));
        }),
      ),
    );
  }
  return etags;
}

function nextManifest(plan: DeployPlan, etags: Map<string, string>): DeployManifest {
  const objects: Record<string, ManifestEntry> = { ...plan.carried };
  for (const file of plan.uploads) {
    objects[file.key] = {
      md5: file.md5,
      etag: etags.get(file.key) ?? '',
      size: file.size,
      contentType: file.contentType,
      cacheControl: file.cacheControl,
      lastDeploy: plan.deployNumber,
    };
  }
  return { version: 1, deploys: plan.deployNumber, objects };
}

function finish(
  log: (line: string) => void,
  plan: DeployPlan,
  invalidatedPaths: string[],
  invalidationIds: string[],
  dryRun: boolean,
): DeploySummary {
  const summary: DeploySummary = {
    dryRun,
    deployNumber: plan.deployNumber,
    uploaded: plan.uploads.map((file) => file.key),
    skipped: plan.skipped.length,
    deleted: plan.deletions,
    retained: plan.retained.length,
    bytesUploaded: plan.uploads.reduce((sum, file) => sum + file.size, 0),
    invalidatedPaths,
    invalidationIds,
  };
  for (const line of summaryLines(summary)) log(line);
  return summary;
}
