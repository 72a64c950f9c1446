import { compareKeys, type FileKind, type LocalFile } from './local-files.ts';
import type { DeployManifest, ManifestEntry } from './manifest.ts';

/** How long an object that left the build stays in the bucket, so open tabs can still load it. */
export type GracePeriod = { deploys: number } | { hours: number };

/** An object as a bucket listing reports it. */
export interface RemoteObject {
  etag: string;
  size: number;
}

export interface PlanInput {
  files: LocalFile[];
  /** The bucket's objects by key, without the manifest itself. */
  remote: ReadonlyMap<string, RemoteObject>;
  manifest: DeployManifest;
  grace: GracePeriod;
  now: Date;
}

/** Everything a deploy will do, decided before it writes anything (so `--dry-run` prints exactly this). */
export interface DeployPlan {
  deployNumber: number;
  /** In upload order: hashed assets, then other files, then HTML. */
  uploads: LocalFile[];
  skipped: LocalFile[];
  /** Objects that left the build longer ago than the grace period. */
  deletions: string[];
  /** Objects that left the build but are still within the grace period. */
  retained: string[];
  /** CloudFront paths of the stable-named files this deploy changes or adds, sorted. */
  invalidationPaths: string[];
  /** Manifest entries that stay as they are or age (skipped files and retained objects). */
  carried: Record<string, ManifestEntry>;
}

const UPLOAD_ORDER: Record<FileKind, number> = { asset: 0, other: 1, html: 2 };

export function planDeploy(input: PlanInput): DeployPlan {
  const deployNumber = input.manifest.deploys + 1;
  const carried: Record<string, ManifestEntry> = {};
  const uploads: LocalFile[] = [];
  const skipped: LocalFile[] = [];
  for (const file of input.files) {
    const entry = input.manifest.objects[file.key];
    if (entry && isUnchanged(file, entry, input.remote.get(file.key))) {
      skipped.push(file);
      carried[file.key] = { ...entry, lastDeploy: deployNumber, retiredAt: undefined };
    } else {
      uploads.push(file);
    }
  }
  uploads.sort((a, b) => UPLOAD_ORDER[a.kind] - UPLOAD_ORDER[b.kind] || compareKeys(a.key, b.key));

  const { deletions, retained } = retire(input, deployNumber, carried);
  return {
    deployNumber,
    uploads,
    skipped,
    deletions,
    retained,
    invalidationPaths: invalidationPathsFor(uploads),
    carried,
  };
}

/** Same content and headers as our last upload, and nobody replaced the object since (same ETag). */
function isUnchanged(file: LocalFile, entry: ManifestEntry, remote: RemoteObject | undefined): boolean {
  return (
    remote !== undefined &&
    remote.etag === entry.etag &&
    entry.md5 === file.md5 &&
    entry.contentType === file.contentType &&
    entry.cacheControl === file.cacheControl
  );
}

/** Sorts the objects that are not in the build into those past their grace period and those still kept. */
function retire(input: PlanInput, deployNumber: number, carried: Record<string, ManifestEntry>) {
  const inBuild = new Set(input.files.map((file) => file.key));
  const deletions: string[] = [];
  const retained: string[] = [];
  for (const [key, remote] of input.remote) {
    if (inBuild.has(key)) continue;
    // An object we never uploaded (or whose record was lost) starts its grace period now: never delete on sight.
    const entry = input.manifest.objects[key] ?? adopt(remote, deployNumber - 1);
    const aged = { ...entry, retiredAt: entry.retiredAt ?? input.now.toISOString() };
    if (isPastGrace(aged, deployNumber, input)) {
      deletions.push(key);
    } else {
      retained.push(key);
      carried[key] = aged;
    }
  }
  return { deletions: deletions.sort(compareKeys), retained: retained.sort(compareKeys) };
}

function adopt(remote: RemoteObject, lastDeploy: number): ManifestEntry {
  return { md5: '', etag: remote.etag, size: remote.size, contentType: '', cacheControl: '', lastDeploy };
}

/**
 * `deploys: N` keeps the files of the last N deploys (0 deletes at once); `hours: H` keeps a file for H hours
 * after the first deploy that no longer shipped it.
 */
function isPastGrace(entry: ManifestEntry, deployNumber: number, input: PlanInput): boolean {
  if ('deploys' in input.grace) return deployNumber - entry.lastDeploy > input.grace.deploys;
  const retiredMs = Date.parse(entry.retiredAt ?? input.now.toISOString());
  return input.now.getTime() - retiredMs >= input.grace.hours * 3_600_000;
}

/**
 * Hashed assets get a new name when they change, so only stable-named files need invalidating. The root
 * `index.html` is also cached under `/` (CloudFront's default root object).
 */
export function invalidationPathsFor(uploads: LocalFile[]): string[] {
  const paths = uploads
    .filter((file) => file.kind !== 'asset')
    .flatMap((file) => {
      const encoded = `/${file.key.split('/').map(encodeURIComponent).join('/')}`;
      return file.key === 'index.html' ? ['/', encoded] : [encoded];
    });
  return paths.sort(compareKeys);
}
