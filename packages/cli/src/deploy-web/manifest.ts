import { CliError } from '../cli-error.ts';

/**
 * The bucket key of the deploy record. It lists object names only, which the site serves anyway, so it needs no
 * protection; it lives under a dot-folder no build writes to.
 */
export const MANIFEST_KEY = '.shoestring/deploy-web-manifest.json';

/** What the bucket holds, as the last deploy left it. */
export interface DeployManifest {
  version: 1;
  /** How many deploys wrote this manifest: the clock for `--grace-deploys`. */
  deploys: number;
  objects: Record<string, ManifestEntry>;
}

export interface ManifestEntry {
  md5: string;
  /** The ETag S3 returned for our upload: a listing with another ETag means someone replaced the object. */
  etag: string;
  size: number;
  contentType: string;
  cacheControl: string;
  /** The deploy number that last shipped this object in the build: the clock for `--grace-deploys`. */
  lastDeploy: number;
  /**
   * When the first deploy without this object ran (ISO 8601), so the clock for `--grace-hours` starts when its
   * pages stopped being served, not when it was uploaded. Absent while the object is in the build.
   */
  retiredAt?: string;
}

export function emptyManifest(): DeployManifest {
  return { version: 1, deploys: 0, objects: {} };
}

/** Parses the stored manifest; a damaged one is an error, since guessing could delete live files. */
export function parseManifest(text: string, bucket: string): DeployManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw damaged(bucket, 'it is not JSON');
  }
  const manifest = parsed as Partial<DeployManifest>;
  if (
    manifest.version !== 1 ||
    typeof manifest.deploys !== 'number' ||
    typeof manifest.objects !== 'object'
  ) {
    throw damaged(bucket, 'it lacks version 1, deploys or objects');
  }
  return manifest as DeployManifest;
}

function damaged(bucket: string, why: string): CliError {
  return new CliError(
    `s3://${bucket}/${MANIFEST_KEY} is damaged (${why}). Delete it and deploy again: ` +
      'every file is uploaded once more and objects no longer in the build restart their grace period.',
  );
}
