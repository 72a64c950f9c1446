import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';

export interface ProcessResult {
  /** Exit code; null when a signal ended the process. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived, for error messages. */
  output: string;
}

/**
 * Runs a command to its end, collecting its output (and passing each non-empty line to `onOutput`, for progress).
 * Rejects only when the command cannot be started or `signal` aborts it; a non-zero exit is the caller's to judge.
 */
export function runProcess(
  command: string,
  args: string[],
  options: Omit<SpawnOptions, 'stdio'> & { onOutput?: (line: string) => void } = {},
): Promise<ProcessResult> {
  const { onOutput, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
    const result: ProcessResult = { code: null, stdout: '', stderr: '', output: '' };
    const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const text = chunk.toString();
      result[stream] += text;
      result.output += text;
      for (const line of text.split('\n')) if (line.trim()) onOutput?.(line);
    };
    child.stdout?.on('data', collect('stdout'));
    child.stderr?.on('data', collect('stderr'));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ...result, code }));
  });
}

export interface StopOptions {
  /** @default 'SIGTERM' */
  signal?: NodeJS.Signals;
  /** Sent when the process is still running after `graceMs`. @default 'SIGKILL' */
  escalateTo?: NodeJS.Signals;
  /** @default 10_000 */
  graceMs?: number;
}

/** Asks a child process to stop, escalates if it does not, and resolves once it has exited. */
export function stopProcess(child: ChildProcess, options: StopOptions = {}): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const { signal = 'SIGTERM', escalateTo = 'SIGKILL', graceMs = 10_000 } = options;
  return new Promise((resolve) => {
    const escalate = setTimeout(() => child.kill(escalateTo), graceMs);
    child.once('exit', () => {
      clearTimeout(escalate);
      resolve();
    });
    child.kill(signal);
  });
}
