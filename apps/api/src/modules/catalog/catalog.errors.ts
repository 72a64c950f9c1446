import { defineError, errorFactories } from '../../platform/errors.ts';

export const CatalogProductNotFoundError = defineError(
  'CatalogProductNotFoundError',
  'CATALOG_PRODUCT_NOT_FOUND',
  404,
  'Product not found',
);
export const CatalogSkuTakenError = defineError(
  'CatalogSkuTakenError',
  'CATALOG_SKU_TAKEN',
  409,
  'SKU already in use',
);
export const CatalogOutOfStockError = defineError(
  'CatalogOutOfStockError',
  'CATALOG_OUT_OF_STOCK',
  409,
  'Not enough stock',
);

/** Lets a remote client turn the catalog's problem+json back into these errors. */
export const catalogErrors = errorFactories([
  CatalogProductNotFoundError,
  CatalogSkuTakenError,
  CatalogOutOfStockError,
]);
