import { fileURLToPath } from 'node:url';
import { type Changeset, readChangelogFiles } from './changelog.ts';
import type { Pool } from './db.ts';

export type { Changeset };

/** apps/api, both from src/platform (tsx) and dist/platform (built); the changelogs ship beside dist. */
export const API_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const MASTER_CHANGELOG = 'db/changelog-master.yaml';

/** Every changeset the master changelog includes, read from the formatted-SQL files. */
export function expectedChangesets(root = API_ROOT): readonly Changeset[] {
  return readChangelogFiles(root, MASTER_CHANGELOG).changesets;
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
