// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ProductPage } from '../../src/pages/product-page.tsx';
import { fakeShopApi, product } from '../support/fake-api.ts';

afterEach(cleanup);

describe('ProductPage', () => {
  it('shows the product with price and stock and adds it to the cart', async () => {
    const { api, requests } = fakeShopApi(() => ({ status: 200, body: product() }));
    const added: number[] = [];
    render(<ProductPage api={api} id={product().id} onAdd={(_p, quantity) => added.push(quantity)} />);
    expect(screen.getByRole('status').textContent).toBe('Loading the product…');
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('Trail boot');
    expect(screen.getByText('$129.00')).toBeTruthy();
    expect(screen.getByText('5 in stock')).toBeTruthy();
    expect(requests[0]?.path).toBe(`/catalog/products/${product().id}`);
    fireEvent.click(screen.getByRole('button', { name: 'Add to cart' }));
    expect(added).toEqual([1]);
  });

  it('shows a missing product as the API describes it, without a pointless retry', async () => {
    const { api } = fakeShopApi(() => ({
      status: 404,
      body: {
        title: 'Product not found',
        status: 404,
        detail: 'No product has id nope.',
        code: 'CATALOG_PRODUCT_NOT_FOUND',
      },
    }));
    render(<ProductPage api={api} id="nope" onAdd={() => {}} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Product not found');
    expect(alert.textContent).toContain('No product has id nope.');
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });
});
