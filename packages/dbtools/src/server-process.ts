import { createWriteStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa, type ResultPromise } from 'execa';
import { DbToolsError } from './db-tools-error.ts';
import { findFreePort } from './ports.ts';
import { repoRoot } from './repo-root.ts';

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** `performance.now()` when the process exited. */
  readonly atMs: number;
  /** Why the program could not be started at all (ENOENT, EACCES); code and signal are then null. */
  readonly spawnError?: string;
}

export interface ServerProcessOptions {
  /** Names the process in errors, e.g. "The API" or "baseline". */
  readonly name: string;
  /** @default process.execPath (this Node) */
  readonly command?: string;
  readonly args: readonly string[];
  /** @default the repository root */
  readonly cwd?: string;
  /** The environment on top of a minimal one (PATH, HOME); PORT is added. */
  readonly env?: Readonly<Record<string, string>>;
  /** Pass this process's whole environment too (the developer's shell, for `shoestring dev`). @default false */
  readonly inheritEnv?: boolean;
  /** @default a free loopback port */
  readonly port?: number;
  /** Polled until it answers 2xx. @default '/health' */
  readonly readyPath?: string;
  /** @default 60_000 */
  readonly startTimeoutMs?: number;
  /** Aborting it during the start stops waiting and stops the process. */
  readonly signal?: AbortSignal;
  /** Appends all output to this file, and errors point at it. @default output is only kept in memory */
  readonly logFile?: string;
  /** Receives each complete line the process writes to stdout, e.g. to parse JSON logs. */
  readonly onStdoutLine?: (line: string) => void;
  /** Pins the process to this CPU with `taskset -c`, like a 1 vCPU Fargate task. @default not pinned */
  readonly cpu?: number;
  /** How long `stop()` waits after its signal before SIGKILL. @default 10_000 */
  readonly stopGraceMs?: number;
  /** How much of the latest output (characters) `output()` and start errors show. @default 1 MiB */
  readonly outputLimit?: number;
}

export interface ServerProcess {
  readonly name: string;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  readonly child: ResultPromise;
  /** Resolves when the process exits, whoever stopped it. */
  readonly exited: Promise<ProcessExit>;
  /** The latest output (stdout and stderr interleaved), to explain a failure. */
  output(): string;
  /** Sends `signal` (SIGKILL follows after `stopGraceMs`) and resolves with the exit. */
  stop(signal?: NodeJS.Signals): Promise<ProcessExit>;
}

const KILL_SIGNAL = 'SIGTERM';

/**
 * Starts an HTTP server as a child process (execa) on a loopback port and waits until `readyPath` answers.
 * A crash, timeout or abort during start stops the process and rejects with a DbToolsError whose message shows the
 * latest output (or names the log file). Keeps no state between calls: start as many as you need.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = options.port ?? (await findFreePort());
  const url = `http://127.0.0.1:${port}`;
  const [command, args] =
    options.cpu === undefined
      ? [options.command ?? process.execPath, [...options.args]]
      : ['taskset', ['-c', String(options.cpu), options.command ?? process.execPath, ...options.args]];
  const baseEnv = options.inheritEnv
    ? process.env
    : { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' };
  const child = execa(command, args, {
    cwd: options.cwd ?? repoRoot(),
    env: { ...baseEnv, ...options.env, PORT: String(port) },
    extendEnv: false,
    stdin: 'ignore',
    buffer: false,
    reject: false,
    // Never leave a server behind when this process ends; stop() escalates to SIGKILL after the grace time.
    cleanup: true,
    killSignal: KILL_SIGNAL,
    forceKillAfterDelay: options.stopGraceMs ?? 10_000,
  });
  const output = keepOutput(child, options);
  const exited = exitOf(child);

  const server: ServerProcess = {
    name: options.name,
    url,
    port,
    child,
    exited,
    output,
    stop(signal = KILL_SIGNAL) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  try {
    await waitUntilReady(server, options);
  } catch (error) {
    await server.stop('SIGKILL');
    throw error;
  }
  return server;
}

function keepOutput(child: ResultPromise, options: ServerProcessOptions): () => string {
  const limit = options.outputLimit ?? 1024 * 1024;
  const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
  // The latest chunks, dropped from the front past the limit: joining and slicing one string per chunk copied up to
  // `limit` characters for every line a busy server logged, and starved a parent that also generates load (the bench).
  const recent: string[] = [];
  let recentLength = 0;
  let partialLine = '';
  const keep = (chunk: Buffer) => {
    log?.write(chunk);
    const text = chunk.toString('utf8');
    recent.push(text);
    recentLength += text.length;
    while (recent.length > 1 && recentLength - recent[0]!.length >= limit)
      recentLength -= recent.shift()!.length;
  };
  child.stdout?.on('data', (chunk: Buffer) => {
    keep(chunk);
    if (!options.onStdoutLine) return;
    const lines = (partialLine + chunk.toString('utf8')).split('\n');
    partialLine = lines.pop() ?? '';
    for (const line of lines) if (line) options.onStdoutLine(line);
  });
  child.stderr?.on('data', keep);
  void child.finally(() => log?.end());
  return () => recent.join('').slice(-limit);
}

function exitOf(child: ResultPromise): Promise<ProcessExit> {
  let atMs: number | undefined;
  child.once('exit', () => {
    atMs = performance.now();
  });
  return child.then((result) => ({
    code: result.exitCode ?? null,
    signal: (result.signal as NodeJS.Signals | undefined) ?? null,
    atMs: atMs ?? performance.now(),
    // A program that could not be started at all (ENOENT, EACCES) never exits: say why.
    ...(result.failed && result.exitCode === undefined && !result.signal
      ? { spawnError: result.shortMessage }
      : {}),
  }));
}

async function waitUntilReady(server: ServerProcess, options: ServerProcessOptions): Promise<void> {
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  let exit: ProcessExit | undefined;
  void server.exited.then((value) => {
    exit = value;
  });
  const logHint = options.logFile ? `\n(full log: ${options.logFile})` : '';
  while (Date.now() < deadline) {
    options.signal?.throwIfAborted();
    if (exit?.spawnError) throw new DbToolsError(exit.spawnError, 'SERVER_START_FAILED');
    if (exit) {
      throw new DbToolsError(
        `${server.name} exited during start (${describeExit(exit)}):\n${server.output().trim()}${logHint}`,
        'SERVER_START_FAILED',
      );
    }
    if (await answers(`${server.url}${options.readyPath ?? '/health'}`)) return;
    await sleep(100);
  }
  const seconds = Math.round(timeoutMs / 100) / 10;
  const where = `${server.url}${options.readyPath ?? '/health'}`;
  throw new DbToolsError(
    options.logFile
      ? `${server.name} did not answer ${where} within ${seconds} s. Its log: ${options.logFile}`
      : `${server.name} did not answer ${where} within ${seconds} s:\n${server.output().trim()}`,
    'SERVER_START_FAILED',
  );
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

function describeExit(exit: ProcessExit): string {
  return exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
}
