import { describe, expect, it } from 'vitest';
import { parseRoute, productHref, productsHref } from '../src/route.ts';

describe('parseRoute', () => {
  it('opens the product list for an empty hash, #/ and #/products', () => {
    for (const hash of ['', '#', '#/', '#/products', '#/products/']) {
      expect(parseRoute(hash)).toEqual({ page: 'products', q: '', offset: 0 });
    }
  });

  it('reads the search and page offset of the product list', () => {
    expect(parseRoute('#/products?q=red%20shoe&offset=40')).toEqual({
      page: 'products',
      q: 'red shoe',
      offset: 40,
    });
    expect(parseRoute('#/products?offset=-5')).toEqual({ page: 'products', q: '', offset: 0 });
    expect(parseRoute('#/products?offset=abc')).toEqual({ page: 'products', q: '', offset: 0 });
  });

  it('reads a product id and the other screens', () => {
    expect(parseRoute('#/products/6f1c2d3e-0000-4000-8000-000000000001')).toEqual({
      page: 'product',
      id: '6f1c2d3e-0000-4000-8000-000000000001',
    });
    expect(parseRoute('#/cart')).toEqual({ page: 'cart' });
    expect(parseRoute('#/orders')).toEqual({ page: 'orders' });
    expect(parseRoute('#/account')).toEqual({ page: 'account' });
  });

  it('reports an unknown path as not found with the path to show', () => {
    expect(parseRoute('#/checkout/now')).toEqual({ page: 'not-found', path: '/checkout/now' });
  });

  it('round-trips the links it builds', () => {
    expect(parseRoute(productsHref('a&b', 20))).toEqual({ page: 'products', q: 'a&b', offset: 20 });
    expect(parseRoute(productsHref('', 0))).toEqual({ page: 'products', q: '', offset: 0 });
    expect(parseRoute(productHref('id/with slash'))).toEqual({ page: 'product', id: 'id/with slash' });
  });
});
