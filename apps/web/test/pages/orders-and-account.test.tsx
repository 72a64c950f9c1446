// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Customer, Order } from '../../src/api/types.ts';
import type { Session } from '../../src/auth/session.ts';
import { AccountPage } from '../../src/pages/account-page.tsx';
import { OrdersPage } from '../../src/pages/orders-page.tsx';
import { ada, fakeShopApi, type Handler, page } from '../support/fake-api.ts';

afterEach(cleanup);

const placed: Order = {
  id: 'order-1',
  customerId: ada.id,
  status: 'placed',
  lines: [{ productId: 'p1', sku: 'BOOT-1', name: 'Trail boot', quantity: 2, unitPriceCents: 12_900 }],
  totalCents: 25_800,
  createdAt: '2026-11-28T05:00:00.000Z',
  cancelledAt: null,
};

describe('OrdersPage', () => {
  it("lists the customer's orders and cancels one", async () => {
    const { api, requests } = fakeShopApi((req) =>
      req.method === 'GET'
        ? { status: 200, body: page([placed]) }
        : { status: 200, body: { ...placed, status: 'cancelled', cancelledAt: '2026-11-28T05:10:00.000Z' } },
    );
    render(<OrdersPage api={api} customer={ada} />);
    const order = await screen.findByRole('listitem', { name: /^Order of / });
    expect(order.textContent).toContain('2 × Trail boot (BOOT-1) at $129.00');
    expect(requests[0]?.path).toBe('/orders?limit=100');
    fireEvent.click(within(order).getByRole('button', { name: 'Cancel order' }));
    expect(await within(order).findByText('cancelled')).toBeTruthy();
    expect(requests[1]).toMatchObject({ method: 'POST', path: '/orders/order-1/cancel' });
    expect(within(order).queryByRole('button', { name: 'Cancel order' })).toBeNull();
  });

  it('shows a refused cancel inside the order and keeps the button', async () => {
    const { api } = fakeShopApi((req) =>
      req.method === 'GET'
        ? { status: 200, body: page([placed]) }
        : {
            status: 409,
            body: {
              title: 'Order already cancelled',
              status: 409,
              detail: 'Order order-1 is already cancelled.',
            },
          },
    );
    render(<OrdersPage api={api} customer={ada} />);
    const order = await screen.findByRole('listitem', { name: /^Order of / });
    fireEvent.click(within(order).getByRole('button', { name: 'Cancel order' }));
    expect((await within(order).findByRole('alert')).textContent).toContain('Order already cancelled');
    expect(within(order).getByRole('button', { name: 'Cancel order' })).toBeTruthy();
  });

  it('says when a shopper has no orders, and asks to sign in when nobody is', async () => {
    const { api } = fakeShopApi(() => ({ status: 200, body: page([]) }));
    const { unmount } = render(<OrdersPage api={api} customer={ada} />);
    expect(await screen.findByText(/Ada has no orders yet/)).toBeTruthy();
    unmount();
    render(<OrdersPage api={api} customer={null} />);
    expect(screen.getByRole('link', { name: 'Sign in and add your details' })).toBeTruthy();
  });
});

const alice: Session = { accessToken: 'a.b.c', username: 'alice', isAdmin: false };

describe('AccountPage', () => {
  const renderAccount = (handler: Handler, session: Session | null, customer: Customer | null = null) => {
    const { api, requests } = fakeShopApi(handler);
    const saved: Customer[] = [];
    const calls: string[] = [];
    render(
      <AccountPage
        api={api}
        session={session}
        customer={customer}
        onSignIn={() => calls.push('sign in')}
        onSignOut={() => calls.push('sign out')}
        onSaved={(c) => saved.push(c)}
      />,
    );
    return { requests, saved, calls };
  };
  const fillAndSave = () => {
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: ' Ada ' } });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ada@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save details' }));
  };

  it('offers sign-in to a visitor, and nothing else', () => {
    const { calls, requests } = renderAccount(() => ({ status: 500 }), null);
    expect(screen.queryByLabelText('Name')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(calls).toEqual(['sign in']);
    expect(requests).toEqual([]);
  });

  it("creates the signed-in shopper's record with PUT /customers/me", async () => {
    const { requests, saved } = renderAccount(() => ({ status: 200, body: ada }), alice);
    expect(screen.getByText('Add your details to order')).toBeTruthy();
    fillAndSave();
    await expect.poll(() => saved).toEqual([ada]);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      method: 'PUT',
      path: '/customers/me',
      body: { name: 'Ada', email: 'ada@example.com' },
    });
  });

  it('shows why saving was refused', async () => {
    const { saved } = renderAccount(
      () => ({
        status: 409,
        body: { title: 'Email already registered', status: 409, detail: 'ada@example.com has an account.' },
      }),
      alice,
    );
    fillAndSave();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Email already registered');
    expect(alert.textContent).toContain('ada@example.com has an account.');
    expect(saved).toEqual([]);
  });

  it("fills the form with the shopper's own record and signs out", () => {
    const { calls } = renderAccount(() => ({ status: 500 }), alice, ada);
    expect(screen.getByText('alice')).toBeTruthy();
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Ada');
    expect((screen.getByLabelText('Email') as HTMLInputElement).value).toBe('ada@example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(calls).toEqual(['sign out']);
  });
});
