import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PROBE = fileURLToPath(new URL('../helpers/pretenuring-probe.ts', import.meta.url));

function oldSpaceBytesPerObject(tuned: boolean): number {
  const result = spawnSync(
    process.execPath,
    [
      '--expose-gc',
      '--min-semi-space-size=1',
      '--max-semi-space-size=1',
      '--import',
      'tsx',
      PROBE,
      ...(tuned ? ['--tuned'] : []),
    ],
    { encoding: 'utf8' },
  );
  expect(result.stderr).toBe('');
  return (JSON.parse(result.stdout) as { oldSpaceBytesPerObject: number }).oldSpaceBytesPerObject;
}

describe('V8 settings of the API process', () => {
  it("keeps a request's short-lived objects young even after a burst of long-lived ones from the same code", () => {
    // Without the settings, V8 pretenures the literal after the burst: the probe can tell the two apart.
    expect(oldSpaceBytesPerObject(false)).toBeGreaterThan(50);
    expect(oldSpaceBytesPerObject(true)).toBeLessThan(5);
  });

  it('are the first thing the server process imports', () => {
    const server = readFileSync(fileURLToPath(new URL('../../src/server.ts', import.meta.url)), 'utf8');
    expect(/^import .*$/m.exec(server)?.[0]).toBe("import './platform/v8-tuning.ts';");
  });
});
