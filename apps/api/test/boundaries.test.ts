import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MODULE_SPECS } from '../src/module-specs.ts';
import { expectedChangesets } from '../src/platform/migrations.ts';

const API_DIR = fileURLToPath(new URL('../', import.meta.url));
const MODULES_DIR = path.join(API_DIR, 'src/modules');
const MODULE_NAMES = MODULE_SPECS.map((spec) => spec.name);

/** Words after which PostgreSQL expects a relation name. */
const NAME = '("?[a-z_][\\w]*"?(?:\\s*\\.\\s*"?[a-z_][\\w]*"?)?)';
const RELATION = new RegExp(
  `\\b(?:FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES|SCHEMA|INDEX\\s+\\w+\\s+ON)\\s+${NAME}`,
  'gi',
);
const SQL_KEYWORDS = /\b(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP)\b/;

/** The SQL text of a file: all of a .sql file, or the string literals of a .ts file that contain SQL. */
function sqlOf(file: string, text: string): string[] {
  if (file.endsWith('.sql'))
    return text.split('\n').filter((line) => !line.trim().startsWith('--') || line.startsWith('--rollback'));
  const literals = text.match(/`[^`]*`|'[^'\n]*'/g) ?? [];
  return literals.filter((literal) => SQL_KEYWORDS.test(literal));
}

/** Relations a piece of SQL names that are not in `owner`'s schema (unqualified names count: they depend on search_path). */
export function foreignRelations(sql: string, owner: string): string[] {
  const found: string[] = [];
  for (const match of sql.matchAll(RELATION)) {
    const name = match[1]!.replaceAll('"', '').replace(/\s/g, '');
    if (/^SCHEMA/i.test(match[0])) {
      if (name !== owner) found.push(name);
      continue;
    }
    // `IF NOT EXISTS`, `JOIN LATERAL`, `FROM unnest(...)`, `ON CONFLICT ... DO UPDATE SET`: no relation named.
    if (/^(IF|LATERAL|unnest|SET)$/i.test(name)) continue;
    const [schema] = name.split('.');
    if (!name.includes('.') || schema !== owner) found.push(name);
  }
  return found;
}

function moduleFiles(name: string): string[] {
  return readdirSync(path.join(MODULES_DIR, name), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') || file.endsWith('.sql'))
    .map((file) => path.join(MODULES_DIR, name, file));
}

describe('module data boundaries', () => {
  it('knows every module folder', () => {
    expect(readdirSync(MODULES_DIR).sort()).toEqual([...MODULE_NAMES].sort());
  });

  it.each(MODULE_NAMES)('%s: all SQL names only relations in its own schema, schema-qualified', (name) => {
    const sql = moduleFiles(name).flatMap((file) => sqlOf(file, readFileSync(file, 'utf8')));
    expect(sql.join('\n').match(RELATION)?.length ?? 0, 'the scan found no SQL at all').toBeGreaterThan(5);
    const violations = moduleFiles(name).flatMap((file) =>
      sqlOf(file, readFileSync(file, 'utf8')).flatMap((sql) =>
        foreignRelations(sql, name).map((relation) => `${path.relative(API_DIR, file)}: ${relation}`),
      ),
    );
    expect(violations).toEqual([]);
  });

  it('the scanner catches a module reaching into another schema or relying on search_path', () => {
    expect(
      foreignRelations(
        'SELECT * FROM catalog.products p JOIN customers.customers c ON c.id = p.id',
        'catalog',
      ),
    ).toEqual(['customers.customers']);
    expect(foreignRelations('UPDATE products SET stock = 0', 'catalog')).toEqual(['products']);
    expect(foreignRelations('INSERT INTO "orders"."orders" (id) VALUES ($1)', 'catalog')).toEqual([
      'orders.orders',
    ]);
    expect(foreignRelations('CREATE SCHEMA orders;', 'catalog')).toEqual(['orders']);
    expect(foreignRelations('CREATE INDEX i ON orders.orders (id)', 'catalog')).toEqual(['orders.orders']);
    expect(
      foreignRelations('INSERT INTO catalog.x VALUES (1) ON CONFLICT (id) DO NOTHING', 'catalog'),
    ).toEqual([]);
    expect(
      foreignRelations('INSERT INTO catalog.x VALUES (1) ON CONFLICT (id) DO UPDATE SET y = 2', 'catalog'),
    ).toEqual([]);
    expect(foreignRelations('UPDATE SET y = 2', 'catalog')).toEqual([]);
  });
});

describe('changelogs', () => {
  const changelogFiles = MODULE_NAMES.flatMap((name) =>
    readdirSync(path.join(MODULES_DIR, name, 'changelog')).map(
      (file) => `src/modules/${name}/changelog/${file}`,
    ),
  );

  it('the master changelog includes every module changelog, by search-path-relative path', () => {
    const included = new Set(expectedChangesets(API_DIR).map((change) => change.filename));
    expect([...included].sort()).toEqual(changelogFiles.sort());
  });

  it.each(changelogFiles)('%s: every changeset has a rollback and a module-prefixed id', (file) => {
    const text = readFileSync(path.join(API_DIR, file), 'utf8');
    expect(text.startsWith('--liquibase formatted sql')).toBe(true);
    const module = file.split('/')[2]!;
    const changesets = text.split(/^--changeset /m).slice(1);
    expect(changesets.length).toBeGreaterThan(0);
    for (const changeset of changesets) {
      const id = changeset.split(/\s/)[0]!;
      expect(id, id).toMatch(new RegExp(`^[\\w-]+:${module}-\\d{3}-`));
      expect(changeset, `${id} has no --rollback`).toMatch(/^--rollback \S/m);
    }
  });
});
