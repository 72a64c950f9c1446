import { join } from 'node:path';
import { findFreePort } from '@shoestring/dbtools';
import { type ApiProcess, startApi } from './api-process.ts';
import { type LocalService, type ServiceOrigins, serviceEnvironment } from './service-plan.ts';

export interface RunningService extends LocalService {
  readonly api: ApiProcess;
  /** Its JSON log lines. */
  readonly logFile: string;
}

export interface StartServicesOptions {
  repoRoot: string;
  plan: readonly LocalService[];
  databaseUrl: string;
  /** Each service logs to `<logDir>/<service>.log`. */
  logDir: string;
  /** Environment every service gets, e.g. the OTLP endpoint for `--observe`. */
  env?: Record<string, string>;
  signal?: AbortSignal;
  progress: (line: string) => void;
}

/**
 * Starts one API process per planned service, each on its own free port of 127.0.0.1 (ADR 0095), knowing the
 * others' addresses from the start as Cloud Map names are known before any task runs. One after the other, so each
 * start has the machine to itself within `startApi`'s health timeout (on a busy two-core machine parallel starts
 * missed it). When one fails, those started are stopped.
 */
export async function startServices(options: StartServicesOptions): Promise<RunningService[]> {
  const origins = await reserveOrigins(options.plan);
  const running: RunningService[] = [];
  try {
    for (const service of options.plan) {
      const origin = origins.get(service.name) ?? '';
      options.progress(`starting the API: ${service.name} (${service.modules.join(', ')}) on ${origin}`);
      const logFile = join(options.logDir, `${service.name}.log`);
      const api = await startApi({
        repoRoot: options.repoRoot,
        port: Number(new URL(origin).port),
        databaseUrl: options.databaseUrl,
        logFile,
        signal: options.signal,
        env: { ...options.env, ...serviceEnvironment(options.plan, service, origins) },
      });
      running.push({ ...service, api, logFile });
    }
    return running;
  } catch (error) {
    await stopServices(running);
    throw error;
  }
}

export async function stopServices(services: readonly RunningService[]): Promise<void> {
  await Promise.all(services.map((service) => service.api.stop().catch(() => undefined)));
}

/** A distinct free port per service, so every `<MODULE>_URL` can be set before the first process starts. */
async function reserveOrigins(plan: readonly LocalService[]): Promise<ServiceOrigins> {
  const origins = new Map<string, string>();
  const taken = new Set<number>();
  for (const service of plan) {
    let port = await findFreePort();
    while (taken.has(port)) port = await findFreePort();
    taken.add(port);
    origins.set(service.name, `http://127.0.0.1:${port}`);
  }
  return origins;
}
