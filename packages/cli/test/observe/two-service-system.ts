import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { findFreePort, repoRoot, runLiquibase, startLocalPostgres } from '@shoestring/dbtools';
import { type ApiProcess, startApi } from '../../src/dev/api-process.ts';
import { startGateway } from '../../src/dev/gateway.ts';
import { type LocalObservability, startLocalObservability } from '../../src/observe/local-observability.ts';

export interface TwoServiceSystem {
  /** The local gateway (CloudFront + API Gateway stand-in) in front of the orders service (orders, customers). */
  readonly gatewayUrl: string;
  /** `MODULES=catalog`, reached by orders over HTTP as in the cloud's Cloud Map topology. */
  readonly catalog: ApiProcess;
  /** `MODULES=orders,customers`, `CATALOG_URL` pointing at catalog. */
  readonly orders: ApiProcess;
  readonly observe: LocalObservability;
  /** Parsed JSON log lines each service has written so far. */
  logs(service: 'orders' | 'catalog'): Record<string, unknown>[];
  stop(): Promise<void>;
}

/**
 * The split topology of the seed, on this machine, with `--observe`'s telemetry path: real PostgreSQL migrated by
 * real Liquibase, the catalog and orders API processes (started as `shoestring dev` starts the API) exporting spans
 * to the local OTLP receiver, Prometheus scraping both, and the local gateway in front of orders.
 */
export async function startTwoServiceSystem(): Promise<TwoServiceSystem> {
  const dataDir = mkdtempSync('/tmp/shoestring-observe-test-');
  const root = repoRoot();
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const postgres = await startLocalPostgres({ dataDir: join(dataDir, 'postgres'), fast: true });
    stops.push(() => postgres.stop());
    await runLiquibase({
      command: 'update',
      connection: { url: postgres.url, user: postgres.user, password: postgres.password },
    });
    const observe = await startLocalObservability({ dataDir, progress: () => {}, scrapeInterval: '1s' });
    stops.push(() => observe.stop());
    const logFile = (service: string) => join(dataDir, `${service}.log`);
    const start = async (service: string, env: Record<string, string>) => {
      const api = await startApi({
        repoRoot: root,
        port: await findFreePort(),
        databaseUrl: postgres.url,
        logFile: logFile(service),
        env: { ...observe.apiEnv, OTEL_SERVICE_NAME: service, ...env },
      });
      stops.push(() => api.stop());
      return api;
    };
    const catalog = await start('catalog', { MODULES: 'catalog' });
    const orders = await start('orders', { MODULES: 'orders,customers', CATALOG_URL: catalog.origin });
    await observe.scrape([
      { service: 'catalog', origin: catalog.origin },
      { service: 'orders', origin: orders.origin },
    ]);
    const siteDir = join(dataDir, 'site');
    mkdirSync(siteDir);
    writeFileSync(join(siteDir, 'index.html'), '<!doctype html><title>shop</title>');
    const gateway = await startGateway({
      siteDir,
      moduleOrigins: { orders: orders.origin, customers: orders.origin },
      port: 0,
      host: '127.0.0.1',
    });
    stops.push(() => closeServer(gateway));
    return {
      gatewayUrl: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`,
      catalog,
      orders,
      observe,
      logs: (service) =>
        readFileSync(logFile(service), 'utf8')
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as Record<string, unknown>),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
