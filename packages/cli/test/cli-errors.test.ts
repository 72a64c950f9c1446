import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '@shoestring/dbtools';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/shoestring.js', import.meta.url));
const STACK_LINE = /^ {4}at /m;

/** Runs the real `shoestring` binary the way a person types it. */
function shoestring(args: string[], env: NodeJS.ProcessEnv = {}) {
  const { DEBUG: _debug, ...rest } = process.env;
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: repoRoot(),
    env: { ...rest, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('an unknown option', () => {
  // dev and cost have a --stage, so the misspelt --stag; the others have none, so --stage itself.
  it.each([
    ['dev', '--stag', 'Usage: shoestring dev'],
    ['migrate', '--stage', 'Usage: shoestring migrate'],
    ['deploy-web', '--stage', 'Usage: shoestring deploy-web'],
    ['dashboards', '--stage', 'Usage: shoestring dashboards'],
    ['doctor', '--stag', 'Usage: shoestring doctor'],
  ])('of %s (%s) prints its usage and exits 1, without a stack', (command, option, usageLine) => {
    const { code, err } = shoestring([command, option, 'prod']);
    expect(code).toBe(1);
    expect(err).toContain(`shoestring ${command}: Unknown option '${option}'`);
    expect(err).toContain(usageLine);
    expect(err).not.toMatch(STACK_LINE);
  });

  it('of cost (which has a --stage) prints its usage and exits 1, without a stack', () => {
    const { code, err } = shoestring(['cost', '--stag', 'prod']);
    expect(code).toBe(1);
    expect(err).toContain("shoestring cost: Unknown option '--stag'");
    expect(err).toContain('Usage: shoestring cost');
    expect(err).not.toMatch(STACK_LINE);
  });
});

describe('--debug', () => {
  it('prints the stack of the same error', () => {
    const { code, err } = shoestring(['dev', '--bogus', '--debug']);
    expect(code).toBe(1);
    expect(err).toMatch(STACK_LINE);
    expect(err).toContain('Usage: shoestring dev');
  });

  it('is also turned on by DEBUG in the environment', () => {
    const { code, err } = shoestring(['migrate', '--bogus'], { DEBUG: '1' });
    expect(code).toBe(1);
    expect(err).toMatch(STACK_LINE);
  });
});
