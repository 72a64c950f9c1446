import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import {
  DbToolsError,
  findFreePort,
  isPortFree,
  type LocalPostgres,
  MASTER_CHANGELOG,
  requireJavaAsync,
  startLocalPostgres,
  updateIfChanged,
} from '@shoestring/dbtools';
import type { StageConfig } from '@shoestring/infra/config';
import { CliError } from '../cli-error.ts';
import { type LocalObservability, startLocalObservability } from '../observe/local-observability.ts';
import { seedDemoCatalog } from './demo-data.ts';
import { startGateway } from './gateway.ts';
import { type LocalIdentity, startLocalIdentity } from './local-identity.ts';
import { moduleOrigins, planServices } from './service-plan.ts';
import { type RunningService, startServices, stopServices } from './services.ts';
import { ensureWebBuild } from './web-build.ts';

/** The progress line of a start whose migrations were already applied (no JVM started). */
export const MIGRATIONS_SKIPPED = 'migrations: up to date, Liquibase skipped';

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
  /** The OpenID provider with the demo users, which the API services and the gateway trust. */
  identity: LocalIdentity;
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
    // `java -version` starts a JVM: it runs while the site is checked and PostgreSQL starts.
    const java = requireJavaAsync();
    java.catch(() => undefined);
    await requireFreePort(options.port, options.host);
    // Known before the gateway listens: the provider's client redirects to the site at this origin.
    const gatewayPort = options.port || (await findFreePort(options.host));
    await mkdir(join(options.dataDir, 'logs'), { recursive: true });

    progress('building the site (apps/web) in the background');
    const site = ensureWebBuild(options.repoRoot, options.dataDir, siteBuild.signal);
    site.catch(() => undefined);

    progress('starting PostgreSQL');
    const postgresStart = startLocalPostgres({ dataDir: join(options.dataDir, 'postgres') });
    running.push(async () => (await postgresStart.catch(() => undefined))?.stop());
    await java;
    // The OpenID provider needs no database: it loads while PostgreSQL starts and the migrations are checked.
    // (After the Java check: oidc-provider warns on import under Node 20, which must not come before that error.)
    const identityStart = startLocalIdentity({
      dataDir: options.dataDir,
      host: options.host,
      siteOrigin: `http://${options.host}:${gatewayPort}`,
    });
    identityStart.catch(() => undefined);
    running.push(async () => (await identityStart.catch(() => undefined))?.stop());
    const postgres = await postgresStart;
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
    if (skipped) progress(MIGRATIONS_SKIPPED);

    checkpoint();
    const observe = options.observe
      ? await startLocalObservability({ dataDir: options.dataDir, progress, config: options.stage })
      : undefined;
    if (observe) running.push(() => observe.stop());
    const identity = await identityStart;
    progress(`OpenID provider on ${identity.provider.issuer}`);
    const services = await startServices({
      plan,
      databaseUrl: postgres.url,
      logDir: join(options.dataDir, 'logs'),
      signal: options.signal,
      progress,
      env: { ...observe?.apiEnv, ...identity.apiEnv },
    });
    running.push(() => stopServices(services));
    await observe?.scrape(services.map((service) => ({ service: service.name, origin: service.api.origin })));
    checkpoint();
    const origins = moduleOrigins(plan, new Map(services.map((s) => [s.name, s.api.origin])));
    if (options.demoData && postgres.initialised && origins.catalog) {
      const added = await seedDemoCatalog(origins.catalog, await identity.tokenFor('admin'));
      if (added > 0) progress(`added ${added} demo products to the new catalog (skip with --no-demo-data)`);
    }

    const { siteDir, built } = await site;
    progress(built ? 'site built' : 'site unchanged since the last build');
    const gateway = await startGateway({
      siteDir,
      moduleOrigins: origins,
      port: gatewayPort,
      host: options.host,
      identity: { authorize: identity.authorize, siteConfig: identity.provider.siteConfig },
    });
    running.push(() => closeServer(gateway));
    checkpoint();

    return {
      url: gatewayUrl(gateway, options.host),
      postgres,
      services,
      identity,
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
