import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { readChangelogFiles } from '@shoestring/api/changelog';
import pg from 'pg';
import {
  type LiquibaseConnection,
  type LiquibaseOptions,
  MASTER_CHANGELOG,
  runLiquibase,
} from './liquibase.ts';
import { repoRoot } from './repo-root.ts';

/**
 * Where a successful update is remembered, in the migrated database itself (so a new or restored cluster has no
 * record and runs Liquibase): the sha256 of the changelog files and of the `databasechangelog` rows after it.
 * Beside `databasechangelog` in `public`, never in a schema of its own: a schema named like the database user (the
 * local one is `shoestring`) comes first in the default search_path (`"$user", public`), so Liquibase would keep a
 * second `databasechangelog` there and run every changeset again.
 */
const TABLE = 'public.shoestring_liquibase_fingerprint';
/** Where the record was kept before; `record` removes it (and the schema, when nothing else is in it). */
const OLD_SCHEMA = 'shoestring';

export interface UpdateIfChangedResult {
  /** True when Liquibase did not run because nothing changed since the last successful update. */
  skipped: boolean;
}

type UpdateOptions = Omit<LiquibaseOptions, 'command' | 'args' | 'globalArgs'>;

/**
 * `liquibase update`, skipped (no JVM) when the changelog files hash to what the last successful update recorded
 * and `databasechangelog` still holds exactly the rows it had then. Any doubt (unreadable changelog, an include
 * it does not understand, no record, a query failing) runs Liquibase as usual.
 */
export async function updateIfChanged(options: UpdateOptions): Promise<UpdateIfChangedResult> {
  const searchPath = resolve(repoRoot(), options.searchPath ?? MASTER_CHANGELOG.searchPath);
  const changelogFile = options.changelogFile ?? MASTER_CHANGELOG.changelogFile;
  const key = join(searchPath, changelogFile);
  const changelog = await readChangelog(searchPath, changelogFile).catch(() => undefined);
  if (changelog !== undefined && (await isRecorded(options.connection, key, changelog).catch(() => false))) {
    return { skipped: true };
  }
  await runLiquibase({ ...options, command: 'update' });
  // Computed again after the update: the files may have changed while it ran; record only what is known applied.
  if (
    changelog !== undefined &&
    (await changelogFingerprint(searchPath, changelogFile).catch(() => '')) === changelog.sha256
  ) {
    await record(options.connection, key, changelog).catch(() => undefined);
  }
  return { skipped: false };
}

/**
 * sha256 over the master changelog and every file it includes (path and content), or a rejection when the master
 * uses anything but plain `include: {file}` entries, so that the caller runs Liquibase.
 */
export async function changelogFingerprint(searchPath: string, changelogFile: string): Promise<string> {
  return (await readChangelog(searchPath, changelogFile)).sha256;
}

interface Changelog {
  sha256: string;
  /** `filename\0author\0id` of every changeset the included files declare. */
  changesets: string[];
}

async function readChangelog(searchPath: string, changelogFile: string): Promise<Changelog> {
  const { master, files, changesets } = readChangelogFiles(searchPath, changelogFile);
  const hash = createHash('sha256');
  for (const { file, content } of [{ file: changelogFile, content: master }, ...files]) {
    hash.update(`${file}\0${content.length}\0${content}\0`);
  }
  return {
    sha256: hash.digest('hex'),
    changesets: changesets.map((c) => `${c.filename}\0${c.author}\0${c.id}`),
  };
}

interface Applied {
  count: number;
  sha256: string;
  keys: Set<string>;
}

async function withClient<T>(
  connection: LiquibaseConnection,
  use: (client: pg.Client) => Promise<T>,
): Promise<T> {
  if (!/^postgres(ql)?:\/\//.test(connection.url)) throw new Error('not a postgres:// url');
  const client = new pg.Client({
    connectionString: connection.url,
    user: connection.user,
    password: connection.password,
    connectionTimeoutMillis: 5_000,
  });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** The (id, author, filename, md5sum) rows of databasechangelog, counted and hashed in a fixed order. */
async function appliedChangesets(client: pg.Client): Promise<Applied | undefined> {
  const exists = await client.query<{ t: string | null }>(
    "SELECT to_regclass('public.databasechangelog')::text AS t",
  );
  if (!exists.rows[0]?.t) return undefined;
  const rows = await client.query<{ id: string; author: string; filename: string; md5sum: string | null }>(
    'SELECT id, author, filename, md5sum FROM public.databasechangelog ORDER BY filename, author, id, md5sum',
  );
  const hash = createHash('sha256');
  for (const row of rows.rows)
    hash.update(`${JSON.stringify([row.id, row.author, row.filename, row.md5sum])}\n`);
  const keys = new Set(rows.rows.map((row) => `${row.filename}\0${row.author}\0${row.id}`));
  return { count: rows.rows.length, sha256: hash.digest('hex'), keys };
}

const allApplied = (changelog: Changelog, applied: Applied) =>
  changelog.changesets.every((c) => applied.keys.has(c));

async function isRecorded(
  connection: LiquibaseConnection,
  key: string,
  changelog: Changelog,
): Promise<boolean> {
  const files = changelog.sha256;
  return withClient(connection, async (client) => {
    const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('${TABLE}')::text AS t`);
    if (!exists.rows[0]?.t) return false;
    const recorded = await client.query<{ files_sha256: string; rows_count: number; rows_sha256: string }>(
      `SELECT files_sha256, rows_count, rows_sha256 FROM ${TABLE} WHERE changelog = $1`,
      [key],
    );
    const row = recorded.rows[0];
    if (!row || row.files_sha256 !== files) return false;
    const applied = await appliedChangesets(client);
    return (
      applied !== undefined &&
      applied.count === row.rows_count &&
      applied.sha256 === row.rows_sha256 &&
      allApplied(changelog, applied)
    );
  });
}

async function record(connection: LiquibaseConnection, key: string, changelog: Changelog): Promise<void> {
  const files = changelog.sha256;
  await withClient(connection, async (client) => {
    const applied = await appliedChangesets(client);
    if (!applied || !allApplied(changelog, applied)) return;
    await dropOldRecord(client);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${TABLE} (changelog text PRIMARY KEY, files_sha256 text NOT NULL, ` +
        'rows_count integer NOT NULL, rows_sha256 text NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())',
    );
    await client.query(
      `INSERT INTO ${TABLE} (changelog, files_sha256, rows_count, rows_sha256) VALUES ($1, $2, $3, $4) ` +
        'ON CONFLICT (changelog) DO UPDATE SET files_sha256 = EXCLUDED.files_sha256, rows_count = EXCLUDED.rows_count, ' +
        'rows_sha256 = EXCLUDED.rows_sha256, recorded_at = now()',
      [key, files, applied.count, applied.sha256],
    );
  });
}

async function dropOldRecord(client: pg.Client): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS ${OLD_SCHEMA}.liquibase_fingerprint`);
  // RESTRICT (the default): a schema holding anything else stays, and the error is ignored.
  await client.query(`DROP SCHEMA IF EXISTS ${OLD_SCHEMA}`).catch(() => undefined);
}
