// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/app.tsx';
import { sessionFromAccessToken } from '../src/auth/session.ts';
import { ada, fakeShopApi, page, product, tokenFor } from './support/fake-api.ts';

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
    const { makeApi } = fakeShopApi(() => ({ status: 200, body: page([product()]) }));
    render(<App api={makeApi} />);
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

  it('keeps the cart across a reload and names the signed-in shopper from their own record', async () => {
    const { makeApi, requests } = fakeShopApi((req) =>
      req.path === '/customers/me' ? { status: 200, body: ada } : { status: 200, body: page([]) },
    );
    window.localStorage.setItem(
      'shoestring.cart',
      JSON.stringify({
        lines: [{ productId: 'p1', sku: 'S', name: 'Shoe', unitPriceCents: 100, quantity: 3 }],
      }),
    );
    render(<App api={makeApi} initialSession={sessionFromAccessToken(tokenFor({ username: 'alice' }))} />);
    expect(screen.getByRole('link', { name: 'Cart (3)' })).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Ada' })).toBeTruthy();
    await screen.findByText('No products yet.');
    const me = requests.find((r) => r.path === '/customers/me');
    expect(me?.headers.Authorization).toBe(`Bearer ${tokenFor({ username: 'alice' })}`);
    expect(screen.queryByRole('link', { name: 'Catalog editor' })).toBeNull();
  });

  it('offers sign-in to a visitor and sends no token', async () => {
    const { makeApi, requests } = fakeShopApi(() => ({ status: 200, body: page([]) }));
    render(<App api={makeApi} />);
    await screen.findByText('No products yet.');
    expect(screen.getByRole('link', { name: 'Sign in' })).toBeTruthy();
    expect(requests.every((r) => r.headers.Authorization === undefined)).toBe(true);
  });

  it('gives an admin the catalog editor, loaded when opened, and adds a product', async () => {
    const created = product({ id: 'new-1', sku: 'NEW-1', name: 'New boot' });
    const { makeApi, requests } = fakeShopApi((req) =>
      req.method === 'POST' ? { status: 201, body: created } : { status: 200, body: page([product()]) },
    );
    const admin = sessionFromAccessToken(tokenFor({ username: 'admin', 'cognito:groups': ['admin'] }));
    render(<App api={makeApi} initialSession={admin} />);
    await navigate('#/admin');
    fireEvent.change(await screen.findByLabelText('SKU'), { target: { value: 'NEW-1' } });
    fireEvent.change(screen.getByLabelText('Product name'), { target: { value: 'New boot' } });
    fireEvent.change(screen.getByLabelText('Price in cents'), { target: { value: '12900' } });
    fireEvent.change(screen.getByLabelText('Stock'), { target: { value: '4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add product' }));
    expect(await screen.findByText('Added New boot at $129.00.')).toBeTruthy();
    expect(requests.find((r) => r.method === 'POST')).toMatchObject({
      path: '/catalog/products',
      body: { sku: 'NEW-1', name: 'New boot', priceCents: 12_900, stock: 4 },
      headers: { Authorization: `Bearer ${admin.accessToken}` },
    });
  });

  it("adjusts a product's stock in the catalog editor and shows the API's new count", async () => {
    const boot = product();
    const { makeApi, requests } = fakeShopApi((req) =>
      req.method === 'POST'
        ? { status: 200, body: { ...boot, stock: 8 } }
        : { status: 200, body: page([boot]) },
    );
    const admin = sessionFromAccessToken(tokenFor({ username: 'admin', 'cognito:groups': ['admin'] }));
    render(<App api={makeApi} initialSession={admin} />);
    await navigate('#/admin');
    const field = await screen.findByLabelText('Change stock of Trail boot (5 in stock)');
    fireEvent.change(field, { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(await screen.findByLabelText('Change stock of Trail boot (8 in stock)')).toBeTruthy();
    expect(requests.find((r) => r.method === 'POST')).toMatchObject({
      path: `/catalog/products/${boot.id}/stock-adjustments`,
      body: { delta: 3 },
      headers: { Authorization: `Bearer ${admin.accessToken}` },
    });
  });

  it('signs the user out here and asks them to sign in again when the API refuses their token', async () => {
    const { makeApi } = fakeShopApi((req) =>
      req.path === '/customers/me'
        ? { status: 401, body: { title: 'Unauthorized', status: 401, code: 'AUTH_TOKEN_INVALID' } }
        : { status: 200, body: page([]) },
    );
    render(<App api={makeApi} initialSession={sessionFromAccessToken(tokenFor({ username: 'alice' }))} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Your sign-in has expired');
    expect(screen.getByRole('link', { name: 'Sign in' })).toBeTruthy();
  });

  it('says why signing in failed', async () => {
    const { makeApi } = fakeShopApi(() => ({ status: 200, body: page([]) }));
    render(<App api={makeApi} initialSignInProblem={new Error('invalid_grant: code expired')} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Signing in did not work');
    expect(alert.textContent).toContain('invalid_grant: code expired');
  });

  it('shows a shopper no catalog editor, even at its address', async () => {
    const { makeApi } = fakeShopApi(() => ({ status: 200, body: page([]) }));
    render(<App api={makeApi} initialSession={sessionFromAccessToken(tokenFor({ username: 'alice' }))} />);
    await navigate('#/admin');
    expect(screen.getByText('The catalog editor is for signed-in admins.')).toBeTruthy();
    expect(screen.queryByLabelText('SKU')).toBeNull();
  });

  it('shows a message instead of a blank page when a screen fails to render, and recovers on navigation', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    // An API that broke its contract: a list without `items`.
    const { makeApi } = fakeShopApi(() => ({ status: 200, body: { total: 1 } }));
    render(<App api={makeApi} />);
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
