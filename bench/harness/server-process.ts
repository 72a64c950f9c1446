import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findFreePort, repoRoot } from '@shoestring/dbtools';

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** `performance.now()` when the process exited. */
  readonly atMs: number;
}

export interface ServerProcess {
  readonly name: string;
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Resolves when the process exits, whoever stopped it. */
  readonly exited: Promise<ProcessExit>;
  /** The last megabyte or so the process wrote to stdout and stderr, to explain a failure. */
  output(): string;
  /** Sends `signal` and waits for the exit; SIGKILL after `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<ProcessExit>;
}

export interface ServerProcessOptions {
  /** Shown in errors, e.g. "api" or "baseline". */
  readonly name: string;
  /** Arguments after `node`. */
  readonly nodeArgs: readonly string[];
  /** Environment on top of a minimal one (PATH, HOME); PORT is added. */
  readonly env: Readonly<Record<string, string>>;
  /** Pin the process to this CPU with `taskset -c`, like a 1 vCPU Fargate task. @default not pinned */
  readonly cpu?: number;
  /** Polled until it answers 200. @default '/health' */
  readonly readyPath?: string;
  /** @default 60_000 */
  readonly startTimeoutMs?: number;
}

const OUTPUT_LIMIT = 1024 * 1024;

/** Starts a Node HTTP server as a child process on a free loopback port and waits until it answers. */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const port = await findFreePort();
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    ...options.env,
    PORT: String(port),
  };
  const [command, args] =
    options.cpu === undefined
      ? [process.execPath, [...options.nodeArgs]]
      : ['taskset', ['-c', String(options.cpu), process.execPath, ...options.nodeArgs]];
  const child = spawn(command, args, { cwd: repoRoot(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  let kept = 0;
  const keep = (chunk: Buffer) => {
    chunks.push(chunk);
    kept += chunk.length;
    while (kept > OUTPUT_LIMIT && chunks.length > 1) kept -= chunks.shift()!.length;
  };
  const output = () => Buffer.concat(chunks).toString('utf8');
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal, atMs: performance.now() }));
  });
  // Never leave a server behind when the runner itself ends.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));

  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(options, url, exited, output);
  return {
    name: options.name,
    url,
    port,
    child,
    exited,
    output,
    async stop(signal = 'SIGTERM', timeoutMs = 30_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

async function waitUntilAnswering(
  options: ServerProcessOptions,
  url: string,
  exited: Promise<ProcessExit>,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  let exit: ProcessExit | undefined;
  void exited.then((value) => {
    exit = value;
  });
  while (Date.now() < deadline) {
    if (exit) {
      throw new Error(
        `${options.name} exited during start (code ${exit.code}, signal ${exit.signal}):\n${output()}`,
      );
    }
    try {
      const response = await fetch(`${url}${options.readyPath ?? '/health'}`, {
        signal: AbortSignal.timeout(1000),
      });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {}
    await sleep(100);
  }
  throw new Error(
    `${options.name} did not answer on ${url} within ${options.startTimeoutMs ?? 60_000} ms:\n${output()}`,
  );
}

export interface ApiProcessOptions {
  readonly databaseUrl: string;
  /** `dist` runs the production build (`npm run build -w @shoestring/api` first); `source` runs TypeScript via tsx. */
  readonly build: 'dist' | 'source';
  /** Extra environment: DRAIN_SECONDS, REQUEST_TIMEOUT_MS, DB_STATEMENT_TIMEOUT_MS, LOG_LEVEL... */
  readonly env?: Readonly<Record<string, string>>;
  readonly cpu?: number;
}

export const API_DIST_ENTRY = join(repoRoot(), 'apps/api/dist/server.js');

/** The shop API as its own process, configured only through the environment, as in the container. */
export function startApiProcess(options: ApiProcessOptions): Promise<ServerProcess> {
  const nodeArgs =
    options.build === 'dist' ? [API_DIST_ENTRY] : ['--import', 'tsx', 'apps/api/src/server.ts'];
  return startServerProcess({
    name: `api (${options.build})`,
    nodeArgs,
    env: {
      HOST: '127.0.0.1',
      DATABASE_URL: options.databaseUrl,
      DRAIN_SECONDS: '0',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    ...(options.cpu === undefined ? {} : { cpu: options.cpu }),
  });
}
