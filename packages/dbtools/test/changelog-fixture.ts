import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes a master changelog in `dir` that includes one formatted-SQL file holding `sql`. */
export function writeChangelog(dir: string, sql: string): void {
  writeFileSync(join(dir, 'master.yaml'), 'databaseChangeLog:\n  - include:\n      file: changes.sql\n');
  writeFileSync(join(dir, 'changes.sql'), `--liquibase formatted sql\n\n${sql}`);
}
