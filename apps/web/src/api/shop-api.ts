import type { Requester } from './client.ts';
import type { Customer, Order, Page, Product } from './types.ts';

export interface ProductQuery {
  q?: string;
  limit?: number;
  offset?: number;
}

function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The calls the site makes, one function per endpoint of the contract. */
export function createShopApi(request: Requester) {
  return {
    listProducts: (query: ProductQuery, signal?: AbortSignal) =>
      request<Page<Product>>(`/catalog/products${queryString({ ...query })}`, { signal }),
    getProduct: (id: string, signal?: AbortSignal) =>
      request<Product>(`/catalog/products/${encodeURIComponent(id)}`, { signal }),
    listCustomers: (signal?: AbortSignal) => request<Page<Customer>>('/customers?limit=100', { signal }),
    createCustomer: (input: { email: string; name: string }) =>
      request<Customer>('/customers', { method: 'POST', body: input }),
    placeOrder: (
      input: { customerId: string; lines: { productId: string; quantity: number }[] },
      idempotencyKey: string,
    ) =>
      request<Order>('/orders', {
        method: 'POST',
        body: input,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    listOrders: (customerId: string, signal?: AbortSignal) =>
      request<Page<Order>>(`/orders${queryString({ customerId, limit: 100 })}`, { signal }),
    cancelOrder: (id: string) =>
      request<Order>(`/orders/${encodeURIComponent(id)}/cancel`, { method: 'POST' }),
  };
}

export type ShopApi = ReturnType<typeof createShopApi>;
