import { DbToolsError, type ServerProcess, startApiProcess } from '@shoestring/dbtools';
import { CliError } from '../cli-error.ts';

export interface ApiProcessOptions {
  port: number;
  databaseUrl: string;
  /** Where the API's JSON log lines go. */
  logFile: string;
  /** Extra environment, e.g. the OTLP endpoint for `--observe`, or MODULES for one service of a split. */
  env?: Record<string, string>;
  /** Stops waiting for /health (and the API) when aborted. */
  signal?: AbortSignal;
}

export interface ApiProcess {
  origin: string;
  child: ServerProcess['child'];
  stop(): Promise<void>;
}

/**
 * Starts `apps/api/src/server.ts` as the container would run it (env only, on top of the developer's shell), and
 * waits until /health answers. A crash during start shows the API's latest output and names the log file.
 */
export async function startApi(options: ApiProcessOptions): Promise<ApiProcess> {
  const api = await startApiProcess({
    name: 'The API',
    databaseUrl: options.databaseUrl,
    port: options.port,
    inheritEnv: true,
    env: { NODE_ENV: 'development', OTEL_SERVICE_NAME: 'shoestring-api', ...options.env },
    logFile: options.logFile,
    outputLimit: 4_000,
    startTimeoutMs: 30_000,
    ...(options.signal ? { signal: options.signal } : {}),
  }).catch((error: unknown) => {
    // A failed start is the user's to fix (config, port, code): one line for the CLI, no stack.
    throw error instanceof DbToolsError ? new CliError(error.message) : error;
  });
  return {
    origin: api.url,
    child: api.child,
    stop: async () => {
      await api.stop();
    },
  };
}
