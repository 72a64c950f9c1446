// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app.tsx';
import { ada, fakeShopApi, page, product } from './support/fake-api.ts';

beforeEach(() => {
  window.localStorage.clear();
  window.location.hash = '';
});
afterEach(cleanup);

async function navigate(hash: string) {
  await act(async () => {
    window.location.hash = hash;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
}

describe('App', () => {
  it('moves between screens by the URL hash and counts the cart in the header', async () => {
    const { api } = fakeShopApi(() => ({ status: 200, body: page([product()]) }));
    render(<App api={api} />);
    fireEvent.change(await screen.findByLabelText('Quantity of Trail boot'), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add to cart' }));
    expect(screen.getByRole('link', { name: 'Cart (2)' })).toBeTruthy();

    await navigate('#/cart');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Cart');
    expect(screen.getByRole('link', { name: 'Cart (2)' }).getAttribute('aria-current')).toBe('page');
    expect(document.activeElement?.id).toBe('main');

    await navigate('#/nowhere');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Page not found');
  });

  it('keeps the cart and the chosen customer across a reload', async () => {
    const { api } = fakeShopApi(() => ({ status: 200, body: page([]) }));
    window.localStorage.setItem('shoestring.customer', JSON.stringify(ada));
    window.localStorage.setItem(
      'shoestring.cart',
      JSON.stringify({
        lines: [{ productId: 'p1', sku: 'S', name: 'Shoe', unitPriceCents: 100, quantity: 3 }],
      }),
    );
    render(<App api={api} />);
    expect(screen.getByRole('link', { name: 'Cart (3)' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Ada' })).toBeTruthy();
    await screen.findByText('No products yet.');
  });

  it('shows a message instead of a blank page when a screen fails to render, and recovers on navigation', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    // An API that broke its contract: a list without `items`.
    const { api } = fakeShopApi(() => ({ status: 200, body: { total: 1 } }));
    render(<App api={api} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This page could not be shown');
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
    expect(consoleError).toHaveBeenCalled();

    await navigate('#/cart');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Cart');
    consoleError.mockRestore();
  });
});
