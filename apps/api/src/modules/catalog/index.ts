/**
 * The catalog module's only public surface: products with stock, and stock reservations for orders.
 * Owns the PostgreSQL schema `catalog` (changelog: ./changelog/).
 */
import type { FastifyInstance } from 'fastify';
import type { Pool } from '../../platform/db.ts';
import { catalogRoutes } from './catalog.routes.ts';
import { Product } from './catalog.schemas.ts';

export {
  CatalogOutOfStockError,
  CatalogProductNotFoundError,
  CatalogSkuTakenError,
} from './catalog.errors.ts';
export { type CatalogFacade, createCatalogFacade, createRemoteCatalogFacade } from './catalog.facade.ts';
export type { Product, ReservedLine, StockRequestLine } from './catalog.schemas.ts';

/** Registers the catalog's routes and shared schemas. */
export async function catalogModule(app: FastifyInstance, options: { pool: Pool }) {
  app.addSchema(Product);
  await app.register(catalogRoutes, options);
}
