import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { LineBatcher } from '../../src/platform/log-destination.ts';

function recordingBatcher(batchBytes: number) {
  const writes: string[] = [];
  return { batcher: new LineBatcher({ write: (text: string) => writes.push(text) }, batchBytes), writes };
}

describe('the stdout line batcher', () => {
  it('writes nothing until a batch is full, then the whole batch in one write, lines in order', () => {
    const { batcher, writes } = recordingBatcher(30);
    batcher.write('first line\n');
    batcher.write('second line\n');
    expect(writes).toEqual([]);
    batcher.write('third line\n');
    expect(writes).toEqual(['first line\nsecond line\nthird line\n']);
  });

  it('writes what has gathered on flush, and nothing when nothing has', () => {
    const { batcher, writes } = recordingBatcher(1024);
    batcher.flush();
    batcher.write('a\n');
    batcher.flush();
    batcher.flush();
    expect(writes).toEqual(['a\n']);
  });

  it("writes the process's last lines when it exits, process.exit included, with one exit listener per process", () => {
    const script = `
      import { stdoutDestination } from './apps/api/src/platform/log-destination.ts';
      const listenersBefore = process.listenerCount('exit');
      const out = stdoutDestination();
      for (let app = 0; app < 20; app++) if (stdoutDestination() !== out) throw new Error('a second batcher');
      out.write('before exit 1\\n');
      out.write(\`exit listeners added: \${process.listenerCount('exit') - listenersBefore}\\n\`);
      process.exit(3);
    `;
    let stdout = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        encoding: 'utf8',
      });
    } catch (error) {
      stdout = (error as { stdout: string; status: number }).stdout;
      expect((error as { status: number }).status).toBe(3);
    }
    expect(stdout).toBe('before exit 1\nexit listeners added: 1\n');
  });
});
