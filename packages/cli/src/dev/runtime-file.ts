import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LiquibaseConnection } from '@shoestring/dbtools';

/** What a running `shoestring dev` tells other commands (e.g. `migrate --local`) about itself. */
export interface DevRuntime {
  pid: number;
  url: string;
  /** The API processes by service name: the modules each runs and where it listens. */
  services: Record<string, { modules: string[]; origin: string }>;
  database: LiquibaseConnection;
}

const FILE = 'dev-runtime.json';

export async function writeRuntimeFile(dataDir: string, runtime: DevRuntime): Promise<void> {
  await writeFile(join(dataDir, FILE), `${JSON.stringify(runtime, null, 2)}\n`, { mode: 0o600 });
}

export async function removeRuntimeFile(dataDir: string): Promise<void> {
  await rm(join(dataDir, FILE), { force: true });
}

/** The running instance, or undefined when none runs (a file left by a crashed run is ignored). */
export async function readRuntimeFile(dataDir: string): Promise<DevRuntime | undefined> {
  const text = await readFile(join(dataDir, FILE), 'utf8').catch(() => undefined);
  if (!text) return undefined;
  const runtime = JSON.parse(text) as DevRuntime;
  try {
    process.kill(runtime.pid, 0);
    return runtime;
  } catch {
    return undefined;
  }
}
