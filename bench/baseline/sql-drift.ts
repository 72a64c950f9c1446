import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@shoestring/dbtools';
import { BASELINE_SQL, BASELINE_SQL_SOURCES } from './sql.ts';

/**
 * The names (of `names`) of baseline statements that no longer appear in the API source they were copied from. Whitespace is
 * ignored and the source's `${NAME}` is expanded with that file's own string constants.
 */
export function findSqlDrift(names: readonly (keyof typeof BASELINE_SQL)[]): string[] {
  const drifted: string[] = [];
  for (const name of names) {
    const sql = BASELINE_SQL[name];
    const file = BASELINE_SQL_SOURCES[name];
    if (!normalise(expandConstants(readFileSync(join(repoRoot(), file), 'utf8'))).includes(normalise(sql))) {
      drifted.push(`${name} (${file})`);
    }
  }
  return drifted;
}

/** Replaces `${NAME}` with the value of the file's own `const NAME = '...'` (or "...") string constants. */
function expandConstants(source: string): string {
  let expanded = source;
  for (const [, name, , value] of source.matchAll(/const (\w+) = (['"])(.*?)\2;/g)) {
    expanded = expanded.replaceAll(`\${${name}}`, value!);
  }
  return expanded;
}

function normalise(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}
