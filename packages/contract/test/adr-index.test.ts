import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const adrDir = join(import.meta.dirname, '../../../docs/adr');

describe('docs/adr/README.md', () => {
  it('lists every decision with its title and status, and nothing else', () => {
    const files = readdirSync(adrDir).filter((name) => /^\d{4}-.+\.md$/.test(name));
    const expected = files.sort().map((name) => {
      const lines = readFileSync(join(adrDir, name), 'utf8').split('\n');
      const [number, title] = (lines[0] ?? '').replace(/^# /, '').split(/\. (.*)/s);
      const status = lines
        .find((line) => line.startsWith('Status:'))
        ?.slice('Status:'.length)
        .trim();
      expect(status, `${name} has a Status: line`).toBeTruthy();
      return `| [${number}](${name}) | ${title} | ${status} |`;
    });
    const index = readFileSync(join(adrDir, 'README.md'), 'utf8');
    const rows = index.split('\n').filter((line) => line.startsWith('| ['));
    expect(rows).toEqual(expected);
  });
});
