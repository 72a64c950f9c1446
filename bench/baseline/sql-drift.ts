import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@shoestring/dbtools';
import { BASELINE_SQL, BASELINE_SQL_SOURCES } from './sql.ts';

/**
 * The names (of `names`) of baseline statements that no longer appear in the API source they were copied from. Whitespace is
 * ignored and the source's `${COLUMNS}` is expanded with that file's own `const COLUMNS = '...'`.
 */
export function findSqlDrift(names: readonly (keyof typeof BASELINE_SQL)[]): string[] {
  const drifted: string[] = [];
  for (const name of names) {
    const sql = BASELINE_SQL[name];
    const file = BASELINE_SQL_SOURCES[name];
    if (!normalise(expandColumns(readFileSync(join(repoRoot(), file), 'utf8'))).includes(normalise(sql))) {
      drifted.push(`${name} (${file})`);
    }
  }
  return drifted;
}

function expandColumns(source: string): string {
  const columns = /const COLUMNS = '([^']+)'/.exec(source)?.[1];
  return columns === undefined ? source : source.replaceAll(`\${COLUMNS}`, columns);
}

function normalise(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}
