import { AppError, type ErrorFactory } from '../../platform/errors.ts';

export class CatalogProductNotFoundError extends AppError {
  constructor(detail: string) {
    super('CATALOG_PRODUCT_NOT_FOUND', 404, detail, 'Product not found');
  }
}

export class CatalogSkuTakenError extends AppError {
  constructor(detail: string) {
    super('CATALOG_SKU_TAKEN', 409, detail, 'SKU already in use');
  }
}

export class CatalogOutOfStockError extends AppError {
  constructor(detail: string) {
    super('CATALOG_OUT_OF_STOCK', 409, detail, 'Not enough stock');
  }
}

/** Lets a remote client turn the catalog's problem+json back into these errors. */
export const catalogErrors: Record<string, ErrorFactory> = {
  CATALOG_PRODUCT_NOT_FOUND: (detail) => new CatalogProductNotFoundError(detail),
  CATALOG_SKU_TAKEN: (detail) => new CatalogSkuTakenError(detail),
  CATALOG_OUT_OF_STOCK: (detail) => new CatalogOutOfStockError(detail),
};
