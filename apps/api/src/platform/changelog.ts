import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * The Liquibase master changelog as this repository writes it: a YAML `databaseChangeLog` list of plain
 * `include: {file: x.sql}` entries, each a formatted-SQL file of `--changeset author:id` blocks. One reader for the
 * API's /ready check (which changesets should be applied) and dbtools' changelog fingerprint (did anything change).
 */
export interface Changeset {
  readonly author: string;
  readonly id: string;
  /** As Liquibase records it: the include path relative to the search path. */
  readonly filename: string;
}

export interface ChangelogFiles {
  /** The master changelog's text. */
  readonly master: string;
  /** Every included file, in include order, with its path as written in the master. */
  readonly files: readonly { readonly file: string; readonly content: string }[];
  readonly changesets: readonly Changeset[];
}

/**
 * Reads the master and every file it includes. Throws when the master uses anything else (includeAll, contexts,
 * YAML changesets): a reader that guessed would miss changesets.
 */
export function readChangelogFiles(searchPath: string, masterFile: string): ChangelogFiles {
  const master = readFileSync(path.join(searchPath, masterFile), 'utf8');
  const files = includedFiles(parse(master), masterFile).map((file) => ({
    file,
    content: readFileSync(path.join(searchPath, file), 'utf8'),
  }));
  const changesets = files.flatMap(({ file, content }) =>
    [...content.matchAll(/^--\s*changeset\s+([^:\s]+):(\S+)/gm)].map((match) => ({
      author: match[1] as string,
      id: match[2] as string,
      filename: file,
    })),
  );
  if (changesets.length === 0) throw new Error(`${masterFile} includes no changesets`);
  return { master, files, changesets };
}

function includedFiles(parsed: unknown, masterFile: string): string[] {
  const entries = (parsed as { databaseChangeLog?: unknown } | null)?.databaseChangeLog;
  if (!Array.isArray(entries)) throw new Error(`${masterFile} has no databaseChangeLog list`);
  return entries.map((entry: unknown) => {
    const include = (entry as { include?: unknown } | null)?.include as Record<string, unknown> | undefined;
    const file = include?.file;
    if (
      Object.keys(entry ?? {}).length !== 1 ||
      !include ||
      Object.keys(include).length !== 1 ||
      typeof file !== 'string' ||
      !file.endsWith('.sql')
    ) {
      throw new Error(`${masterFile}: only \`- include: {file: <path>.sql}\` entries are understood`);
    }
    return file;
  });
}
