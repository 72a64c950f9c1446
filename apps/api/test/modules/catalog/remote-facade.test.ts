import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CatalogOutOfStockError,
  CatalogProductNotFoundError,
  createCatalogFacade,
  createRemoteCatalogFacade,
} from '../../../src/modules/catalog/index.ts';
import { buildTestApp, type TestApp, testIssuer } from '../../helpers/app.ts';
import { injectClient } from '../../helpers/inject-client.ts';
import { createProduct } from '../../helpers/shop.ts';

let t: TestApp;
let baseUrl: string;
beforeAll(async () => {
  t = await buildTestApp({ MODULES: 'catalog' });
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

describe.each([
  ['in-process', () => createCatalogFacade(t.pool)],
  ['remote over HTTP', () => createRemoteCatalogFacade(baseUrl, { internalToken: testIssuer.internalToken })],
])('the catalog facade, %s', (_binding, facade) => {
  it('reserves all or nothing and throws the same typed errors', async () => {
    const product = await createProduct(injectClient(t.app), 2);
    const id = randomUUID();
    await expect(facade().reserveStock(id, [{ productId: product.id, quantity: 3 }])).rejects.toBeInstanceOf(
      CatalogOutOfStockError,
    );
    await expect(facade().getProduct(randomUUID())).rejects.toBeInstanceOf(CatalogProductNotFoundError);
    const lines = await facade().reserveStock(id, [{ productId: product.id, quantity: 2 }]);
    expect(lines).toEqual([
      { productId: product.id, sku: product.sku, name: product.name, quantity: 2, unitPriceCents: 1250 },
    ]);
    expect((await facade().getProduct(product.id)).stock).toBe(0);
    await facade().releaseStock(id);
    await facade().releaseStock(id);
    expect((await facade().getProduct(product.id)).stock).toBe(2);
  });
});
