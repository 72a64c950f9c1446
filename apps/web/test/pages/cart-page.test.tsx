// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useReducer } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ShopApi } from '../../src/api/shop-api.ts';
import type { Customer } from '../../src/api/types.ts';
import { type Cart, cartReducer, emptyCart } from '../../src/cart/cart.ts';
import { CartPage } from '../../src/pages/cart-page.tsx';
import { ada, fakeShopApi, type Handler, product } from '../support/fake-api.ts';

afterEach(cleanup);

const boot = product();
const cartWithBoots = (quantity: number): Cart =>
  cartReducer(emptyCart, { type: 'add', product: boot, quantity });

function CartHarness({ api, initial, customer }: { api: ShopApi; initial: Cart; customer: Customer | null }) {
  const [cart, dispatch] = useReducer(cartReducer, initial);
  return <CartPage api={api} cart={cart} dispatch={dispatch} customer={customer} />;
}

function renderCart(handler: Handler, initial: Cart, customer: Customer | null = ada) {
  const { api, requests } = fakeShopApi(handler);
  render(<CartHarness api={api} initial={initial} customer={customer} />);
  return requests;
}

const outOfStock: Handler = () => ({
  status: 409,
  body: {
    title: 'Not enough stock',
    status: 409,
    detail: `Product ${boot.id} has 5 in stock; 6 requested.`,
    code: 'CATALOG_OUT_OF_STOCK',
  },
});

describe('CartPage', () => {
  it('says the cart is empty and links to the products', () => {
    renderCart(() => ({ status: 500 }), emptyCart);
    expect(screen.getByText(/Your cart is empty/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Browse products' }).getAttribute('href')).toBe('#/products');
  });

  it('asks the shopper to sign in and add their details before an order can be placed', () => {
    renderCart(() => ({ status: 500 }), cartWithBoots(1), null);
    expect(screen.queryByRole('button', { name: /Place order/ })).toBeNull();
    expect(screen.getByRole('link', { name: 'Sign in and add your details' })).toBeTruthy();
  });

  it('places the order with an idempotency key, confirms it and empties the cart', async () => {
    const requests = renderCart(
      () => ({
        status: 201,
        body: {
          id: 'o1',
          customerId: ada.id,
          status: 'placed',
          lines: [],
          totalCents: 25_800,
          createdAt: '',
          cancelledAt: null,
        },
      }),
      cartWithBoots(2),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Place order as Ada' }));
    expect(await screen.findByText(/Order placed: \$258\.00/)).toBeTruthy();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: '/orders',
      body: { lines: [{ productId: boot.id, quantity: 2 }] },
    });
    expect(requests[0]?.headers['Idempotency-Key']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows the problem with the product named, retries with the same key, and uses a new key for a new cart', async () => {
    const requests = renderCart(outOfStock, cartWithBoots(6));
    const place = screen.getByRole('button', { name: 'Place order as Ada' });

    fireEvent.click(place);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Not enough stock');
    expect(alert.textContent).toContain('Product “Trail boot” has 5 in stock; 6 requested.');

    fireEvent.click(place);
    await screen.findByRole('alert');
    await expect.poll(() => requests.length).toBe(2);
    expect(requests[1]?.headers['Idempotency-Key']).toBe(requests[0]?.headers['Idempotency-Key']);

    fireEvent.change(screen.getByLabelText('Quantity of Trail boot'), { target: { value: '5' } });
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.click(place);
    await screen.findByRole('alert');
    expect(requests[2]?.body).toMatchObject({ lines: [{ quantity: 5 }] });
    expect(requests[2]?.headers['Idempotency-Key']).not.toBe(requests[0]?.headers['Idempotency-Key']);
  });
});
