import type { FastifyInstance } from 'fastify';
import {
  type CatalogFacade,
  catalogModule,
  createCatalogFacade,
  createRemoteCatalogFacade,
} from './modules/catalog/index.ts';
import {
  type CustomersFacade,
  createCustomersFacade,
  createRemoteCustomersFacade,
  customersModule,
} from './modules/customers/index.ts';
import { ordersModule } from './modules/orders/index.ts';
import type { AppConfig } from './platform/config.ts';
import type { Pool } from './platform/db.ts';

/**
 * Binds each facade in-process when its module runs here (MODULES) or to an HTTP client when it runs elsewhere
 * (<MODULE>_URL), then registers the local modules' routes. The same image thus runs as one service or several.
 */
export async function registerModules(app: FastifyInstance, config: AppConfig, pool: Pool) {
  const local = (name: string) => config.modules.includes(name);
  const remoteUrl = (name: string) => {
    const url = config.remoteModules[name];
    if (!url)
      throw new Error(`${name} is neither in MODULES nor reachable through ${name.toUpperCase()}_URL`);
    return url;
  };
  // Internal routes of the other service require the service credential (ADR 0100).
  const remote = { internalToken: config.auth.internalToken };
  const catalog = (): CatalogFacade =>
    local('catalog') ? createCatalogFacade(pool) : createRemoteCatalogFacade(remoteUrl('catalog'), remote);
  const customers = (): CustomersFacade =>
    local('customers')
      ? createCustomersFacade(pool)
      : createRemoteCustomersFacade(remoteUrl('customers'), remote);

  // Called directly, not through app.register, so the shared schemas land on the root for /openapi.json.
  if (local('catalog')) await catalogModule(app, { pool });
  if (local('customers')) await customersModule(app, { pool });
  if (local('orders')) await ordersModule(app, { pool, catalog: catalog(), customers: customers() });
}
