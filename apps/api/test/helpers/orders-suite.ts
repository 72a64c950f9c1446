import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bearer, testIssuer, unique } from './app.ts';
import { expectProblem } from './problem.ts';
import {
  createCustomer,
  createProduct,
  type ShopClient,
  type Shopper,
  stockOf,
  withHeaders,
} from './shop.ts';

/**
 * The orders behaviour, run unchanged against every topology: in-process (`app.inject`), one process over a
 * socket, and orders calling catalog in another process over HTTP.
 */
export function describeOrders(topology: string, client: () => ShopClient) {
  describe(`orders (${topology})`, () => {
    const place = (customer: Shopper, body: unknown, headers: Record<string, string> = {}) =>
      customer.client.request('POST', '/orders', body, headers);

    it('places an order with a price snapshot, reserving the stock', async () => {
      const shoe = await createProduct(client(), 5, 4000);
      const sock = await createProduct(client(), 5, 250);
      const customer = await createCustomer(client());
      const response = await place(customer, {
        customerId: customer.id,
        lines: [
          { productId: shoe.id, quantity: 2 },
          { productId: sock.id, quantity: 3 },
        ],
      });
      expect(response.statusCode, response.body).toBe(201);
      const order = response.json();
      expect(order).toMatchObject({
        customerId: customer.id,
        status: 'placed',
        totalCents: 2 * 4000 + 3 * 250,
        cancelledAt: null,
        lines: [
          { productId: shoe.id, sku: shoe.sku, name: shoe.name, quantity: 2, unitPriceCents: 4000 },
          { productId: sock.id, sku: sock.sku, name: sock.name, quantity: 3, unitPriceCents: 250 },
        ],
      });
      expect(await stockOf(client(), shoe.id)).toBe(3);
      expect(await stockOf(client(), sock.id)).toBe(2);
      expect((await customer.client.request('GET', `/orders/${order.id}`)).json()).toEqual(order);
      const list = (await customer.client.request('GET', `/orders?customerId=${customer.id}`)).json();
      expect(list).toMatchObject({ total: 1, items: [order], limit: 20, offset: 0 });
    });

    it('reserves nothing when one line is out of stock (all or nothing)', async () => {
      const plenty = await createProduct(client(), 10);
      const scarce = await createProduct(client(), 1);
      const customer = await createCustomer(client());
      const response = await place(customer, {
        customerId: customer.id,
        lines: [
          { productId: plenty.id, quantity: 4 },
          { productId: scarce.id, quantity: 2 },
        ],
      });
      expectProblem(response, 409, 'CATALOG_OUT_OF_STOCK');
      expect(await stockOf(client(), plenty.id)).toBe(10);
      expect(await stockOf(client(), scarce.id)).toBe(1);
      expect((await customer.client.request('GET', `/orders?customerId=${customer.id}`)).json().total).toBe(
        0,
      );
    });

    it('maps a caller without a customer record and unknown products to their modules’ errors', async () => {
      const product = await createProduct(client(), 3);
      const customer = await createCustomer(client());
      const line = { productId: product.id, quantity: 1 };
      const stranger = withHeaders(client(), bearer(await testIssuer.token()));
      expectProblem(await stranger.request('POST', '/orders', { lines: [line] }), 404, 'CUSTOMERS_NOT_FOUND');
      const noProduct = await place(customer, {
        customerId: customer.id,
        lines: [{ productId: randomUUID(), quantity: 1 }],
      });
      expectProblem(noProduct, 404, 'CATALOG_PRODUCT_NOT_FOUND');
      expect(await stockOf(client(), product.id)).toBe(3);
      expectProblem(await customer.client.request('GET', `/orders/${randomUUID()}`), 404, 'ORDERS_NOT_FOUND');
    });

    it('places orders for the caller only: another customer id is 403, none means the caller', async () => {
      const product = await createProduct(client(), 3);
      const [ann, bob] = [await createCustomer(client()), await createCustomer(client())];
      const line = { productId: product.id, quantity: 1 };
      expectProblem(
        await place(ann, { customerId: bob.id, lines: [line] }),
        403,
        'ORDERS_CUSTOMER_NOT_CALLER',
      );
      expectProblem(
        await place(ann, { customerId: randomUUID(), lines: [line] }),
        403,
        'ORDERS_CUSTOMER_NOT_CALLER',
      );
      expect(await stockOf(client(), product.id)).toBe(3);
      const placed = await place(ann, { lines: [line] });
      expect(placed.statusCode, placed.body).toBe(201);
      expect(placed.json().customerId).toBe(ann.id);
    });

    it('cancels an order once, restoring its stock once', async () => {
      const product = await createProduct(client(), 4);
      const customer = await createCustomer(client());
      const order = (
        await place(customer, { customerId: customer.id, lines: [{ productId: product.id, quantity: 3 }] })
      ).json();
      const cancelled = await customer.client.request('POST', `/orders/${order.id}/cancel`);
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      expect(cancelled.json()).toMatchObject({
        id: order.id,
        status: 'cancelled',
        cancelledAt: expect.any(String),
      });
      expect(await stockOf(client(), product.id)).toBe(4);
      expectProblem(
        await customer.client.request('POST', `/orders/${order.id}/cancel`),
        409,
        'ORDERS_ALREADY_CANCELLED',
      );
      expect(await stockOf(client(), product.id)).toBe(4);
      expectProblem(
        await customer.client.request('POST', `/orders/${randomUUID()}/cancel`),
        404,
        'ORDERS_NOT_FOUND',
      );
    });

    it('replays an Idempotency-Key repeat without reserving twice, and refuses the key for another body', async () => {
      const product = await createProduct(client(), 10);
      const customer = await createCustomer(client());
      const key = unique('key');
      const body = { customerId: customer.id, lines: [{ productId: product.id, quantity: 2 }] };
      const first = await place(customer, body, { 'idempotency-key': key });
      expect(first.statusCode, first.body).toBe(201);
      const repeat = await place(customer, body, { 'idempotency-key': key });
      expect(repeat.statusCode, repeat.body).toBe(200);
      expect(repeat.headers['idempotent-replayed']).toBe('true');
      expect(repeat.json()).toEqual(first.json());
      expect(await stockOf(client(), product.id)).toBe(8);

      const other = await place(
        customer,
        { ...body, lines: [{ productId: product.id, quantity: 3 }] },
        { 'idempotency-key': key },
      );
      expectProblem(other, 422, 'ORDERS_IDEMPOTENCY_KEY_REUSED');
      expect(await stockOf(client(), product.id)).toBe(8);
    });

    it('gives concurrent repeats of one Idempotency-Key the same single order', async () => {
      const product = await createProduct(client(), 10);
      const customer = await createCustomer(client());
      const body = { customerId: customer.id, lines: [{ productId: product.id, quantity: 1 }] };
      const key = unique('race');
      const responses = await Promise.all(
        Array.from({ length: 8 }, () => place(customer, body, { 'idempotency-key': key })),
      );
      const ids = new Set(responses.map((r) => r.json().id));
      expect(ids.size).toBe(1);
      expect(responses.filter((r) => r.statusCode === 201)).toHaveLength(1);
      expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(7);
      expect(await stockOf(client(), product.id)).toBe(9);
    });

    it('sells exactly the stock under 50 concurrent orders: 10 succeed, 40 are out of stock', async () => {
      const product = await createProduct(client(), 10);
      const customer = await createCustomer(client());
      const responses = await Promise.all(
        Array.from({ length: 50 }, () =>
          place(customer, { customerId: customer.id, lines: [{ productId: product.id, quantity: 1 }] }),
        ),
      );
      const codes = responses.map((r) => (r.statusCode === 201 ? 'placed' : r.json().code));
      expect(codes.filter((c) => c === 'placed')).toHaveLength(10);
      expect(codes.filter((c) => c === 'CATALOG_OUT_OF_STOCK')).toHaveLength(40);
      expect(await stockOf(client(), product.id)).toBe(0);
      expect(
        (await customer.client.request('GET', `/orders?customerId=${customer.id}&limit=100`)).json().total,
      ).toBe(10);
    });
  });
}
