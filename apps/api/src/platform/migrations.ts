import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pool } from './db.ts';

/** apps/api, both from src/platform (tsx) and dist/platform (built); the changelogs ship beside dist. */
export const API_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const MASTER_CHANGELOG = 'db/changelog-master.yaml';

export interface Changeset {
  readonly author: string;
  readonly id: string;
  /** As Liquibase records it: the include path relative to the search path (apps/api). */
  readonly filename: string;
}

/** Every changeset the master changelog includes, read from the formatted-SQL files. */
export function expectedChangesets(root = API_ROOT): Changeset[] {
  const master = readFileSync(path.join(root, MASTER_CHANGELOG), 'utf8');
  const files = [...master.matchAll(/^\s*file:\s*['"]?([^'"\s]+)['"]?\s*$/gm)].map((match) => match[1]!);
  return files.flatMap((filename) =>
    [...readFileSync(path.join(root, filename), 'utf8').matchAll(/^--\s*changeset\s+([^:\s]+):(\S+)/gm)].map(
      (match) => ({ author: match[1]!, id: match[2]!, filename }),
    ),
  );
}

/** The expected changesets not yet recorded in the database's changelog table (all of them before the first run). */
export async function pendingChangesets(pool: Pool, expected: readonly Changeset[]): Promise<Changeset[]> {
  const exists = await pool.query<{ table: string | null }>(
    "SELECT to_regclass('public.databasechangelog')::text AS table",
  );
  if (!exists.rows[0]?.table) return [...expected];
  const applied = await pool.query<Changeset>('SELECT author, id, filename FROM public.databasechangelog');
  const done = new Set(applied.rows.map((row) => `${row.author}:${row.id}:${row.filename}`));
  return expected.filter((change) => !done.has(`${change.author}:${change.id}:${change.filename}`));
}
