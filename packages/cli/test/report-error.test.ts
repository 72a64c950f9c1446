import { afterEach, describe, expect, it, vi } from 'vitest';
import { CliError } from '../src/cli-error.ts';
import { reportError } from '../src/main.ts';

function printed(run: () => number) {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
  const code = run();
  spy.mockRestore();
  return { code, err: lines.join('\n') };
}

afterEach(() => vi.restoreAllMocks());

describe('reportError', () => {
  it('prints a CliError as its message with its exit code', () => {
    const { code, err } = printed(() => reportError('dev', new CliError('port busy', 3), false));
    expect(code).toBe(3);
    expect(err).toBe('shoestring dev: port busy');
  });

  it('prints a known workspace error (by name) as its message', () => {
    const error = new Error('shoestring.config.ts is invalid:\n  - x: y');
    error.name = 'ConfigError';
    const { code, err } = printed(() => reportError('cost', error, false));
    expect(code).toBe(1);
    expect(err).toBe('shoestring cost: shoestring.config.ts is invalid:\n  - x: y');
  });

  it('prints anything else as one line and how to see the stack', () => {
    const { code, err } = printed(() =>
      reportError('dev', new TypeError('x is not a function\nmore'), false),
    );
    expect(code).toBe(1);
    expect(err).toBe(
      'shoestring dev: TypeError: x is not a function\n(run again with --debug for the stack)',
    );
    expect(err).not.toMatch(/^ {4}at /m);
  });

  it('prints the stack with debug', () => {
    const { err } = printed(() => reportError('dev', new TypeError('boom'), true));
    expect(err).toMatch(/^ {4}at /m);
  });
});
