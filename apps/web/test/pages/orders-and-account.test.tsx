// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { Customer, Order } from '../../src/api/types.ts';
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
    expect(requests[0]?.path).toBe(`/orders?customerId=${ada.id}&limit=100`);
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

  it('says when a customer has no orders, and asks for a customer when none is chosen', async () => {
    const { api } = fakeShopApi(() => ({ status: 200, body: page([]) }));
    const { unmount } = render(<OrdersPage api={api} customer={ada} />);
    expect(await screen.findByText(/Ada has no orders yet/)).toBeTruthy();
    unmount();
    render(<OrdersPage api={api} customer={null} />);
    expect(screen.getByRole('link', { name: 'Choose a customer' })).toBeTruthy();
  });
});

describe('AccountPage', () => {
  const signUp = (handler: Handler) => {
    const { api, requests } = fakeShopApi(handler);
    const chosen: (Customer | null)[] = [];
    render(<AccountPage api={api} customer={null} onChoose={(c) => chosen.push(c)} />);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: ' Ada ' } });
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'ada@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign up' }));
    return { requests, chosen };
  };

  it('signs a customer up and chooses them', async () => {
    const { requests, chosen } = signUp((req) =>
      req.method === 'GET' ? { status: 200, body: page([]) } : { status: 201, body: ada },
    );
    await expect.poll(() => chosen).toEqual([ada]);
    // The picker asks for the list again, so the new customer can be picked later.
    await expect.poll(() => requests.filter((r) => r.path === '/customers?limit=100').length).toBe(2);
    expect(requests.find((r) => r.method === 'POST')).toMatchObject({
      path: '/customers',
      body: { name: 'Ada', email: 'ada@example.com' },
    });
  });

  it('shows why a sign-up was refused', async () => {
    const { chosen } = signUp((req) =>
      req.method === 'GET'
        ? { status: 200, body: page([]) }
        : {
            status: 409,
            body: {
              title: 'Email already registered',
              status: 409,
              detail: 'ada@example.com has an account.',
            },
          },
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Email already registered');
    expect(alert.textContent).toContain('ada@example.com has an account.');
    expect(chosen).toEqual([]);
  });

  it('picks an existing customer from the list', async () => {
    const { api } = fakeShopApi(() => ({ status: 200, body: page([ada]) }));
    const chosen: (Customer | null)[] = [];
    render(<AccountPage api={api} customer={null} onChoose={(c) => chosen.push(c)} />);
    fireEvent.change(await screen.findByLabelText('Choose a customer'), { target: { value: ada.id } });
    fireEvent.click(screen.getByRole('button', { name: 'Use this customer' }));
    expect(chosen).toEqual([ada]);
  });
});
