import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_PREFIX, EDGE_OPERATIONS, OPERATIONS, requiresToken } from '../src/index.ts';

const DOC = new URL('../../../docs/security.md', import.meta.url);

/** The rows of the operations table in docs/security.md, between its markers. */
function documentedRows(): string[][] {
  const doc = readFileSync(DOC, 'utf8');
  const section = /<!-- operations:start -->([\s\S]*?)<!-- operations:end -->/.exec(doc)?.[1];
  if (!section)
    throw new Error('docs/security.md has no <!-- operations:start --> ... <!-- operations:end -->');
  return section
    .split('\n')
    .filter((row) => row.startsWith('| ') && !row.startsWith('| operation') && !row.startsWith('|---'))
    .map((row) =>
      row
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

describe('docs/security.md, the operations x roles table', () => {
  const rows = documentedRows();

  it('lists every operation of the route table once, with its method and path as the edge or the task sees it', () => {
    const expected = OPERATIONS.map((o) => {
      const edge = EDGE_OPERATIONS.includes(o);
      return `${o.operationId} ${o.method} ${edge ? API_PREFIX : ''}${o.path}`;
    });
    expect(rows.map(([id, route]) => `${id} ${route?.replaceAll('`', '')}`)).toEqual(expected);
  });

  it('says for each operation what the edge does and what each role gets, as the access level implies', () => {
    for (const [id, , anonymous, shopper, admin, edge] of rows) {
      const op = OPERATIONS.find((o) => o.operationId === id);
      if (!op) throw new Error(`unknown operation ${id}`);
      if (!EDGE_OPERATIONS.includes(op)) {
        expect(edge, id).toBe(`not routed (${op.access})`);
        expect([anonymous, shopper, admin], id).toEqual(['no', 'no', 'no']);
        continue;
      }
      expect(edge, id).toBe(requiresToken(op) ? 'routed, token' : 'routed, no token');
      if (op.access === 'anonymous') expect([anonymous, shopper, admin], id).toEqual(['yes', 'yes', 'yes']);
      if (op.access === 'admin') expect([anonymous, shopper, admin], id).toEqual(['401', '403', 'yes']);
      if (op.access === 'shopper') {
        expect(anonymous, id).toBe('401');
        expect(
          [shopper, admin].some((cell) => cell === '401' || cell === '403'),
          id,
        ).toBe(false);
      }
    }
  });
});
