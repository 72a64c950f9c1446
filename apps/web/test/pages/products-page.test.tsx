// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Product } from '../../src/api/types.ts';
import { ProductsPage } from '../../src/pages/products-page.tsx';
import { type Answer, fakeShopApi, page, product } from '../support/fake-api.ts';

afterEach(cleanup);

function renderProducts(answers: Answer[], q = '') {
  const { api, requests } = fakeShopApi(() => answers.shift() ?? { status: 500 });
  const added: { product: Product; quantity: number }[] = [];
  render(
    <ProductsPage api={api} q={q} offset={0} onAdd={(p, quantity) => added.push({ product: p, quantity })} />,
  );
  return { requests, added };
}

describe('ProductsPage', () => {
  it('shows a loading state, then each product with price and stock', async () => {
    const { requests } = renderProducts([
      {
        status: 200,
        body: page([product(), product({ id: 'p2', name: 'Sun hat', stock: 0, priceCents: 999 })]),
      },
    ]);
    expect(screen.getByRole('status').textContent).toBe('Loading products…');
    const boot = await screen.findByRole('listitem', { name: 'Trail boot' });
    expect(boot.textContent).toContain('$129.00');
    expect(boot.textContent).toContain('5 in stock');
    expect(screen.getByRole('listitem', { name: 'Sun hat' }).textContent).toContain('Out of stock');
    expect(requests[0]?.path).toBe('/catalog/products?offset=0&limit=20');
  });

  it('says when a search matches nothing', async () => {
    const { requests } = renderProducts([{ status: 200, body: page([]) }], 'zebra');
    expect((await screen.findByText(/No products match/)).textContent).toBe('No products match “zebra”.');
    expect(requests[0]?.path).toBe('/catalog/products?q=zebra&offset=0&limit=20');
  });

  it('shows the API problem and loads again on "Try again"', async () => {
    renderProducts([
      {
        status: 503,
        body: { title: 'Service unavailable', status: 503, detail: 'The database is not reachable.' },
      },
      { status: 200, body: page([product()]) },
    ]);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Service unavailable');
    expect(alert.textContent).toContain('The database is not reachable.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('listitem', { name: 'Trail boot' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says the shop cannot be reached when the network fails', async () => {
    renderProducts(['network-error']);
    expect((await screen.findByRole('alert')).textContent).toContain('Cannot reach the shop');
  });

  it('adds the typed quantity of a product to the cart', async () => {
    const { added } = renderProducts([{ status: 200, body: page([product()]) }]);
    fireEvent.change(await screen.findByLabelText('Quantity of Trail boot'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add to cart' }));
    expect(added).toEqual([{ product: product(), quantity: 3 }]);
    expect(screen.getByText('Added')).toBeTruthy();
  });
});
