import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from '../cli-error.ts';
import { CachePolicy, isBuildMetadata, isHtml } from './cache-policy.ts';
import { contentTypeFor } from './content-type.ts';

/** Upload order: hashed assets, then other stable-named files, then pages. */
export type FileKind = 'asset' | 'other' | 'html';

/** One file of the build, as it will be stored in the bucket. */
export interface LocalFile {
  /** The object key: the path relative to the build folder, with `/` separators. */
  key: string;
  absolutePath: string;
  /** The bytes to upload when deploy-web writes the file itself (`config.json`) instead of reading absolutePath. */
  content?: Buffer;
  /** Hex MD5 of the content: what decides whether the object changed. */
  md5: string;
  size: number;
  contentType: string;
  cacheControl: string;
  kind: FileKind;
}

/** Reads every file under the build folder, sorted by key so plans and logs are stable. */
export async function readBuild(dir: string): Promise<LocalFile[]> {
  const entries = await listFiles(dir);
  if (entries.length === 0) {
    throw new CliError(
      `The build folder ${dir} has no files. Build the site first (npm run build -w apps/web).`,
    );
  }
  const policy = await CachePolicy.fromBuild(dir);
  const files = await Promise.all(
    entries
      .filter((relative) => !isBuildMetadata(relative.split(path.sep).join('/')))
      .map((relative) => describe(dir, relative, policy)),
  );
  return files.sort((a, b) => compareKeys(a.key, b.key));
}

/** Byte-order comparison of object keys, as S3 lists them (localeCompare would depend on the machine). */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new CliError(`The build folder ${dir} does not exist. Build the site first or pass --dir.`);
    }
    throw error;
  }
}

async function describe(dir: string, relative: string, policy: CachePolicy): Promise<LocalFile> {
  const absolutePath = path.join(dir, relative);
  const content = await readFile(absolutePath);
  const key = relative.split(path.sep).join('/');
  return {
    key,
    absolutePath,
    md5: createHash('md5').update(content).digest('hex'),
    size: content.length,
    contentType: contentTypeFor(key),
    cacheControl: policy.cacheControlFor(key),
    kind: policy.isImmutable(key) ? 'asset' : isHtml(key) ? 'html' : 'other',
  };
}
