import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, buildTestApp, type TestApp, testIssuer, unique } from '../../helpers/app.ts';
import { expectProblem } from '../../helpers/problem.ts';

let t: TestApp;
const INTERNAL = { 'x-internal-token': testIssuer.internalToken };
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function createProduct(overrides: Record<string, unknown> = {}) {
  const response = await t.app.inject({
    method: 'POST',
    headers: ADMIN,
    url: '/catalog/products',
    payload: { sku: unique('SKU'), name: 'Canvas shoe', priceCents: 4999, stock: 5, ...overrides },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe('catalog products', () => {
  it('creates, gets and updates a product', async () => {
    const created = await createProduct({ name: 'Blue lace' });
    expect(created).toMatchObject({ name: 'Blue lace', priceCents: 4999, stock: 5, id: expect.any(String) });
    expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt);

    const fetched = await t.app.inject({ url: `/catalog/products/${created.id}` });
    expect(fetched.json()).toEqual(created);

    const patched = await t.app.inject({
      method: 'PATCH',
      headers: ADMIN,
      url: `/catalog/products/${created.id}`,
      payload: { priceCents: 3999 },
    });
    expect(patched.json()).toMatchObject({ name: 'Blue lace', priceCents: 3999 });
  });

  it('rejects a second product with the same SKU', async () => {
    const { sku } = await createProduct();
    const again = await t.app.inject({
      method: 'POST',
      headers: ADMIN,
      url: '/catalog/products',
      payload: { sku, name: 'Other', priceCents: 1, stock: 1 },
    });
    expectProblem(again, 409, 'CATALOG_SKU_TAKEN');
  });

  it('adjusts stock up and down but never below zero', async () => {
    const { id } = await createProduct({ stock: 3 });
    const adjust = (delta: number) =>
      t.app.inject({
        method: 'POST',
        headers: ADMIN,
        url: `/catalog/products/${id}/stock-adjustments`,
        payload: { delta },
      });
    expect((await adjust(4)).json().stock).toBe(7);
    expect((await adjust(-7)).json().stock).toBe(0);
    expectProblem(await adjust(-1), 409, 'CATALOG_OUT_OF_STOCK');
    expect((await t.app.inject({ url: `/catalog/products/${id}` })).json().stock).toBe(0);
  });

  it('lists with pagination, a case-insensitive search and an in-stock filter', async () => {
    const tag = unique('Zq');
    const empty = await createProduct({ name: `${tag} sold out`, stock: 0 });
    const first = await createProduct({ name: `${tag} alpha` });
    const second = await createProduct({ name: `${tag} beta` });

    const all = (await t.app.inject({ url: `/catalog/products?q=${tag.toLowerCase()}` })).json();
    expect(all).toMatchObject({ total: 3, limit: 20, offset: 0 });
    expect(all.items.map((p: { id: string }) => p.id)).toEqual([empty.id, first.id, second.id]);

    const page = (
      await t.app.inject({ url: `/catalog/products?q=${tag}&inStock=true&limit=1&offset=1` })
    ).json();
    expect(page).toMatchObject({ total: 2, limit: 1, offset: 1, items: [{ id: second.id }] });

    const soldOut = (await t.app.inject({ url: `/catalog/products?q=${tag}&inStock=false` })).json();
    expect(soldOut.items.map((p: { id: string }) => p.id)).toEqual([empty.id]);

    const bySku = (await t.app.inject({ url: `/catalog/products?q=${first.sku.toLowerCase()}` })).json();
    expect(bySku.items).toEqual([first]);
  });

  it('treats % and _ in the search as plain characters', async () => {
    const response = await t.app.inject({
      url: `/catalog/products?q=${encodeURIComponent(`%_${randomUUID()}`)}`,
    });
    expect(response.json()).toMatchObject({ total: 0, items: [] });
  });

  it('answers 404 CATALOG_PRODUCT_NOT_FOUND for an unknown product', async () => {
    const id = randomUUID();
    expectProblem(await t.app.inject({ url: `/catalog/products/${id}` }), 404, 'CATALOG_PRODUCT_NOT_FOUND');
    const patch = await t.app.inject({
      method: 'PATCH',
      headers: ADMIN,
      url: `/catalog/products/${id}`,
      payload: { name: 'x' },
    });
    expectProblem(patch, 404, 'CATALOG_PRODUCT_NOT_FOUND');
    const adjust = await t.app.inject({
      method: 'POST',
      headers: ADMIN,
      url: `/catalog/products/${id}/stock-adjustments`,
      payload: { delta: 1 },
    });
    expectProblem(adjust, 404, 'CATALOG_PRODUCT_NOT_FOUND');
  });
});

describe('internal reservation routes', () => {
  it('reserve and release are idempotent per reservation id', async () => {
    const product = await createProduct({ stock: 5 });
    const reservationId = randomUUID();
    const reserve = () =>
      t.app.inject({
        method: 'PUT',
        url: `/internal/catalog/reservations/${reservationId}`,
        headers: INTERNAL,
        payload: { lines: [{ productId: product.id, quantity: 2 }] },
      });
    const first = await reserve();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().lines).toEqual([
      { productId: product.id, sku: product.sku, name: product.name, quantity: 2, unitPriceCents: 4999 },
    ]);
    expect((await reserve()).json()).toEqual(first.json());
    const stock = async () => (await t.app.inject({ url: `/catalog/products/${product.id}` })).json().stock;
    expect(await stock()).toBe(3);

    const release = () =>
      t.app.inject({
        method: 'DELETE',
        url: `/internal/catalog/reservations/${reservationId}`,
        headers: INTERNAL,
      });
    expect((await release()).statusCode).toBe(204);
    expect((await release()).statusCode).toBe(204);
    expect(await stock()).toBe(5);
  });

  it('refuse callers without the service credential, users and admins included, with 403', async () => {
    const url = `/internal/catalog/reservations/${randomUUID()}`;
    const payload = { lines: [{ productId: randomUUID(), quantity: 1 }] };
    for (const headers of [
      {},
      ADMIN,
      { 'x-internal-token': 'guess' },
      { 'x-forwarded-for': '203.0.113.9' },
    ]) {
      expectProblem(await t.app.inject({ method: 'DELETE', url, headers }), 403, 'AUTH_INTERNAL_ONLY');
      expectProblem(await t.app.inject({ method: 'PUT', url, headers, payload }), 403, 'AUTH_INTERNAL_ONLY');
    }
  });
});
