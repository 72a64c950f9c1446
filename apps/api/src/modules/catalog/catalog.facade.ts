import type { Pool } from '../../platform/db.ts';
import { createRemoteClient, type RemoteFacadeOptions } from '../../platform/remote-client.ts';
import { catalogErrors } from './catalog.errors.ts';
import type { Product, ReservedLine, StockRequestLine } from './catalog.schemas.ts';
import { ProductsRepository } from './products.repository.ts';
import { releaseStock, reserveStock } from './stock-reservations.ts';

/** What other modules may ask of the catalog, whether it runs in this process or another. */
export interface CatalogFacade {
  /** @throws CatalogProductNotFoundError */
  getProduct(id: string): Promise<Product>;
  /**
   * Takes stock for every line or for none. Idempotent per `reservationId`.
   * @throws CatalogProductNotFoundError, CatalogOutOfStockError
   */
  reserveStock(reservationId: string, lines: readonly StockRequestLine[]): Promise<ReservedLine[]>;
  /** Gives a reservation's stock back; idempotent, a no-op for an unknown id. */
  releaseStock(reservationId: string): Promise<void>;
}

export function createCatalogFacade(pool: Pool): CatalogFacade {
  const products = new ProductsRepository(pool);
  return {
    getProduct: (id) => products.get(id),
    reserveStock: (reservationId, lines) => reserveStock(pool, reservationId, lines),
    releaseStock: (reservationId) => releaseStock(pool, reservationId),
  };
}

/** The catalog served by another process (e.g. http://catalog.shop.internal:8080), same errors as in-process. */
export function createRemoteCatalogFacade(baseUrl: string, options: RemoteFacadeOptions = {}): CatalogFacade {
  const call = createRemoteClient({ ...options, baseUrl, module: 'catalog', errors: catalogErrors });
  return {
    getProduct: (id) =>
      call<Product>({ method: 'GET', path: `/catalog/products/${encodeURIComponent(id)}`, idempotent: true }),
    // PUT and DELETE on a reservation id are idempotent by design, so the client may retry them.
    reserveStock: async (reservationId, lines) =>
      (
        await call<{ lines: ReservedLine[] }>({
          method: 'PUT',
          path: `/internal/catalog/reservations/${encodeURIComponent(reservationId)}`,
          body: { lines },
          idempotent: true,
        })
      ).lines,
    releaseStock: async (reservationId) => {
      await call<unknown>({
        method: 'DELETE',
        path: `/internal/catalog/reservations/${encodeURIComponent(reservationId)}`,
        idempotent: true,
      });
    },
  };
}
