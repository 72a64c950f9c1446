import {
  type CloudFrontClient,
  CloudFrontServiceException,
  CreateInvalidationCommand,
  waitUntilInvalidationCompleted,
} from '@aws-sdk/client-cloudfront';
import { CliError } from '../cli-error.ts';

/**
 * Paths per CreateInvalidation request. CloudFront allows 3,000 file paths in progress per distribution
 * (CloudFront developer guide, "Concurrent invalidation request maximum"), so a deploy with more waits for
 * each batch before sending the next.
 */
export const INVALIDATION_BATCH = 1000;
const IN_PROGRESS_LIMIT = 3000;
/** Invalidations usually finish within minutes; give up waiting (not the deploy) after 15. */
const WAIT_SECONDS = 900;

export interface InvalidateOptions {
  distributionId: string;
  paths: string[];
  /** Wait until CloudFront reports every batch completed. */
  wait: boolean;
  /** Makes CallerReference unique per deploy, as CloudFront requires. */
  reference: string;
  /** @default 900 (15 minutes) */
  maxWaitSeconds?: number;
  log: (line: string) => void;
}

/** Sends the paths in batches and returns the invalidation ids. */
export async function invalidate(
  cloudfront: CloudFrontClient,
  options: InvalidateOptions,
): Promise<string[]> {
  const batches: string[][] = [];
  for (let start = 0; start < options.paths.length; start += INVALIDATION_BATCH) {
    batches.push(options.paths.slice(start, start + INVALIDATION_BATCH));
  }
  const waitEach = options.wait || options.paths.length > IN_PROGRESS_LIMIT;
  const ids: string[] = [];
  for (const [index, paths] of batches.entries()) {
    const id = await createInvalidation(cloudfront, options, paths, `${options.reference}-${index + 1}`);
    options.log(`invalidation ${id}: ${paths.length} path(s) (batch ${index + 1}/${batches.length})`);
    if (waitEach) {
      options.log(`waiting for invalidation ${id} to complete`);
      await waitFor(cloudfront, options.distributionId, id, options.maxWaitSeconds ?? WAIT_SECONDS);
    }
    ids.push(id);
  }
  return ids;
}

async function createInvalidation(
  cloudfront: CloudFrontClient,
  options: InvalidateOptions,
  paths: string[],
  callerReference: string,
): Promise<string> {
  try {
    const result = await cloudfront.send(
      new CreateInvalidationCommand({
        DistributionId: options.distributionId,
        InvalidationBatch: {
          CallerReference: callerReference,
          Paths: { Quantity: paths.length, Items: paths },
        },
      }),
    );
    return result.Invalidation?.Id ?? '(no id returned)';
  } catch (error) {
    if (!(error instanceof CloudFrontServiceException)) {
      // No answer at all (refused, DNS, timeout): one line, not a stack.
      const reason = (error as Error).message?.split('\n')[0] || String(error);
      throw new CliError(
        `Could not reach CloudFront to invalidate ${paths.length} path(s) on distribution ` +
          `${options.distributionId}: ${(error as Error).name ?? 'Error'}: ${reason}. Fix: check the network ` +
          'connection and proxy settings, then deploy again. The files are uploaded; only the cache refresh failed.',
      );
    }
    const fix =
      error.name === 'NoSuchDistribution'
        ? 'check --distribution (the distribution id, not its domain name)'
        : error.name === 'TooManyInvalidationsInProgress'
          ? 'wait for the running invalidations to finish, then deploy again'
          : 'check the credentials allow cloudfront:CreateInvalidation on the distribution';
    throw new CliError(
      `Could not invalidate ${paths.length} path(s) on distribution ${options.distributionId}: ` +
        `${error.name}: ${error.message}. Fix: ${fix}. The files are uploaded; only the cache refresh failed.`,
    );
  }
}

async function waitFor(cloudfront: CloudFrontClient, distributionId: string, id: string, seconds: number) {
  try {
    await waitUntilInvalidationCompleted(
      {
        client: cloudfront,
        maxWaitTime: seconds,
        minDelay: Math.min(5, seconds / 2),
        maxDelay: Math.min(30, seconds),
      },
      { DistributionId: distributionId, Id: id },
    );
  } catch (error) {
    throw new CliError(
      `Invalidation ${id} on ${distributionId} did not complete within ${seconds} seconds ` +
        `(${(error as Error).message.split('\n')[0]}). The files are uploaded; check it with ` +
        `aws cloudfront get-invalidation --distribution-id ${distributionId} --id ${id}.`,
    );
  }
}
