import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { stopProcess } from '@shoestring/dbtools';
import { CliError } from '../cli-error.ts';

export interface ApiProcessOptions {
  repoRoot: string;
  port: number;
  databaseUrl: string;
  /** Where the API's JSON log lines go. */
  logFile: string;
  /** Extra environment, e.g. the OTLP endpoint for `--observe`. */
  env?: Record<string, string>;
  /** Stops waiting for /health (and the API) when aborted. */
  signal?: AbortSignal;
}

export interface ApiProcess {
  origin: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

const HEALTH_TIMEOUT_MS = 30_000;

/** Starts `apps/api/src/server.ts` as the container would run it (env only), and waits until /health answers. */
export async function startApi(options: ApiProcessOptions): Promise<ApiProcess> {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['--import', 'tsx', join('apps', 'api', 'src', 'server.ts')], {
    cwd: options.repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(options.port),
      DATABASE_URL: options.databaseUrl,
      // Locally nothing caches the service registry, so there is nothing to drain for.
      DRAIN_SECONDS: '0',
      OTEL_SERVICE_NAME: 'shoestring-api',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let recentOutput = '';
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    recentOutput = (recentOutput + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('exit', () => log.end());

  const origin = `http://127.0.0.1:${options.port}`;
  try {
    await waitForHealth(origin, child, () => recentOutput, options.logFile, options.signal);
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return { origin, child, stop: () => stopProcess(child) };
}

async function waitForHealth(
  origin: string,
  child: ChildProcess,
  output: () => string,
  logFile: string,
  signal: AbortSignal | undefined,
) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new CliError(
        `The API exited during start (code ${child.exitCode ?? child.signalCode}):\n${output().trim()}\n(full log: ${logFile})`,
      );
    }
    const healthy = await fetch(`${origin}/health`, { signal: AbortSignal.timeout(1_000) })
      .then((res) => res.ok)
      .catch(() => false);
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new CliError(
    `The API did not answer ${origin}/health within ${HEALTH_TIMEOUT_MS / 1000} s. Its log: ${logFile}`,
  );
}
