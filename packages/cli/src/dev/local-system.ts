import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import {
  DbToolsError,
  isPortFree,
  type LocalPostgres,
  MASTER_CHANGELOG,
  requireJava,
  startLocalPostgres,
  updateIfChanged,
} from '@shoestring/dbtools';
import type { StageConfig } from '@shoestring/infra/config';
import { CliError } from '../cli-error.ts';
import { type LocalObservability, startLocalObservability } from '../observe/local-observability.ts';
import { seedDemoCatalog } from './demo-data.ts';
import { startGateway } from './gateway.ts';
import { moduleOrigins, planServices } from './service-plan.ts';
import { type RunningService, startServices, stopServices } from './services.ts';
import { ensureWebBuild } from './web-build.ts';

export interface LocalSystemOptions {
  repoRoot: string;
  /** Holds PostgreSQL's cluster, credentials, logs and build fingerprints. */
  dataDir: string;
  /** The gateway's port; 0 picks a free one. */
  port: number;
  host: string;
  /** Aborting it (Ctrl-C during start) stops whatever has started so far. */
  signal?: AbortSignal;
  /** Progress lines for the person waiting. */
  progress: (line: string) => void;
  /**
   * The changelog to apply.
   * @default MASTER_CHANGELOG, the one the cloud pipeline runs
   */
  changelog?: { searchPath: string; changelogFile: string };
  /** Also run the telemetry path (`--observe`): a trace receiver the API exports to, and Prometheus. @default false */
  observe?: boolean;
  /** Put a few demo products into the catalog of a new cluster (never into an existing one). @default false */
  demoData?: boolean;
  /**
   * The stage (`--stage`) whose services run, one API process each, and whose alarm thresholds `observe` uses.
   * @default undefined - the single monolith, with the dev stage's thresholds
   */
  stage?: StageConfig;
}

export interface LocalSystem {
  url: string;
  postgres: LocalPostgres;
  /** One API process per service, in config order. */
  services: RunningService[];
  coldStart: boolean;
  /** The trace receiver and Prometheus, with `observe`. */
  observe?: LocalObservability;
  stop(): Promise<void>;
}

/**
 * Starts the whole system in the order the cloud has it: PostgreSQL, the migrations (the same master changelog
 * the pipeline runs), the API (one process per service of the stage), the site, and one gateway in front.
 * Anything started is stopped again when a later step fails, so a failed start leaves nothing running.
 */
export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  const { progress } = options;
  const running: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of running.reverse()) await stop().catch(() => undefined);
    running.length = 0;
  };
  const siteBuild = new AbortController();
  const checkpoint = () => options.signal?.throwIfAborted();
  try {
    const plan = planServices(options.stage);
    requireJava();
    await requireFreePort(options.port, options.host);
    await mkdir(join(options.dataDir, 'logs'), { recursive: true });

    progress('building the site (apps/web) in the background');
    const site = ensureWebBuild(options.repoRoot, options.dataDir, siteBuild.signal);
    site.catch(() => undefined);

    progress('starting PostgreSQL');
    const postgres = await startLocalPostgres({ dataDir: join(options.dataDir, 'postgres') });
    running.push(() => postgres.stop());
    checkpoint();
    progress(
      `PostgreSQL ${postgres.majorVersion} on 127.0.0.1:${postgres.port} (${postgres.initialised ? 'new cluster' : 'existing data'})`,
    );

    const changelog = options.changelog ?? MASTER_CHANGELOG;
    progress(`applying migrations (${changelog.searchPath}/${changelog.changelogFile})`);
    const { skipped } = await updateIfChanged({
      ...changelog,
      connection: { url: postgres.url, user: postgres.user, password: postgres.password },
      signal: options.signal,
      onOutput: (line) => {
        const applied = /Running Changeset: (\S+)/.exec(line)?.[1];
        if (applied) progress(`  applied ${applied}`);
      },
    });
    if (skipped) progress('migrations: up to date, Liquibase skipped');

    checkpoint();
    const observe = options.observe
      ? await startLocalObservability({ dataDir: options.dataDir, progress, config: options.stage })
      : undefined;
    if (observe) running.push(() => observe.stop());
    const services = await startServices({
      repoRoot: options.repoRoot,
      plan,
      databaseUrl: postgres.url,
      logDir: join(options.dataDir, 'logs'),
      signal: options.signal,
      progress,
      ...(observe ? { env: observe.apiEnv } : {}),
    });
    running.push(() => stopServices(services));
    await observe?.scrape(services.map((service) => ({ service: service.name, origin: service.api.origin })));
    checkpoint();
    const origins = moduleOrigins(plan, new Map(services.map((s) => [s.name, s.api.origin])));
    if (options.demoData && postgres.initialised && origins.catalog) {
      const added = await seedDemoCatalog(origins.catalog);
      if (added > 0) progress(`added ${added} demo products to the new catalog (skip with --no-demo-data)`);
    }

    const { siteDir, built } = await site;
    progress(built ? 'site built' : 'site unchanged since the last build');
    const gateway = await startGateway({
      siteDir,
      moduleOrigins: origins,
      port: options.port,
      host: options.host,
    });
    running.push(() => closeServer(gateway));
    checkpoint();

    return {
      url: gatewayUrl(gateway, options.host),
      postgres,
      services,
      coldStart: postgres.initialised,
      observe,
      stop: stopAll,
    };
  } catch (error) {
    siteBuild.abort();
    await stopAll();
    throw error instanceof DbToolsError ? new CliError(error.message) : error;
  }
}

async function requireFreePort(port: number, host: string): Promise<void> {
  if (port !== 0 && !(await isPortFree(port, host))) {
    throw new CliError(
      `Port ${port} (the local gateway) is already in use. Stop whatever listens there, or pick another port: \`npm start -- --port ${port + 1}\`.`,
    );
  }
}

function gatewayUrl(server: Server, host: string): string {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return `http://${host}:${port}`;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
