import type { ChildProcess } from 'node:child_process';
import { execa } from 'execa';

export interface ProcessResult {
  /** Exit code; null when a signal ended the process. */
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived, for error messages. */
  output: string;
}

export interface RunOptions {
  cwd?: string;
  /** The whole environment. @default this process's */
  env?: NodeJS.ProcessEnv;
  /** Run as this account (root starting PostgreSQL as `postgres`). */
  uid?: number;
  gid?: number;
  /** Aborting it stops the command (SIGTERM) and rejects. */
  signal?: AbortSignal;
  /** Receives each non-empty line of output as it arrives, for progress. */
  onOutput?: (line: string) => void;
}

/**
 * Runs a command to its end (execa), collecting its output.
 * Rejects only when the command cannot be started or `signal` aborts it; a non-zero exit is the caller's to judge.
 */
export async function runProcess(
  command: string,
  args: string[],
  options: RunOptions = {},
): Promise<ProcessResult> {
  const { onOutput, signal, ...spawnOptions } = options;
  const subprocess = execa(command, args, {
    ...spawnOptions,
    ...(signal ? { cancelSignal: signal } : {}),
    extendEnv: false,
    stdin: 'ignore',
    all: true,
    reject: false,
    stripFinalNewline: false,
  });
  if (onOutput) {
    subprocess.all?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) onOutput(line);
    });
  }
  const result = await subprocess;
  if (result.isCanceled) throw signal?.reason ?? new Error(result.shortMessage);
  if (result.failed && result.exitCode === undefined && !result.signal) throw new Error(result.shortMessage);
  return { code: result.exitCode ?? null, stdout: result.stdout, stderr: result.stderr, output: result.all };
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
