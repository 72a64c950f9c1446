import { type ServerProcess as ApiProcess, startApiProcess } from '@shoestring/dbtools';
import { testEnv } from './app.ts';

export interface ServerProcess {
  readonly url: string;
  readonly child: ApiProcess['child'];
  /** Parsed JSON log lines written so far. */
  readonly logs: Record<string, unknown>[];
  /** Everything the process wrote lately, stdout and stderr. */
  readonly output: () => string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `src/server.ts` as a real process, exactly like `shoestring dev`, with the tests' database, and waits for /health. */
export async function startServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  const logs: Record<string, unknown>[] = [];
  const { DATABASE_URL, ...rest } = testEnv(env);
  const server = await startApiProcess({
    name: 'api',
    databaseUrl: DATABASE_URL as string,
    env: rest,
    startTimeoutMs: 30_000,
    onStdoutLine: (line) => logs.push(JSON.parse(line)),
  });
  return {
    url: server.url,
    child: server.child,
    logs,
    output: server.output,
    stop: async () => (await server.stop()).code,
  };
}
