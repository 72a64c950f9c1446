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
    createProduct: (input: { sku: string; name: string; priceCents: number; stock: number }) =>
      request<Product>('/catalog/products', { method: 'POST', body: input }),
    adjustStock: (id: string, delta: number) =>
      request<Product>(`/catalog/products/${encodeURIComponent(id)}/stock-adjustments`, {
        method: 'POST',
        body: { delta },
      }),
    /** The signed-in shopper's own record; 404 until they create it with {@link putMyCustomer}. */
    getMyCustomer: (signal?: AbortSignal) => request<Customer>('/customers/me', { signal }),
    putMyCustomer: (input: { email: string; name: string }) =>
      request<Customer>('/customers/me', { method: 'PUT', body: input }),
    /** Placed for the signed-in shopper: the API takes the customer from the token. */
    placeOrder: (input: { lines: { productId: string; quantity: number }[] }, idempotencyKey: string) =>
      request<Order>('/orders', {
        method: 'POST',
        body: input,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    /** The signed-in shopper's orders (every order for an admin). */
    listOrders: (signal?: AbortSignal) =>
      request<Page<Order>>(`/orders${queryString({ limit: 100 })}`, { signal }),
    cancelOrder: (id: string) =>
      request<Order>(`/orders/${encodeURIComponent(id)}/cancel`, { method: 'POST' }),
  };
}

export type ShopApi = ReturnType<typeof createShopApi>;
