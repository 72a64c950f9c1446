import { randomUUID } from 'node:crypto';
import type { TwoServiceSystem } from './two-service-system.ts';

/** One tracked `POST /api/orders`: the request id we sent, so its log lines (and through them its trace) are found. */
export interface TrackedOrder {
  readonly requestId: string;
  readonly status: number;
}

async function send(
  url: string,
  method: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    json: (await response.json().catch(() => ({}))) as Record<string, unknown>,
  };
}

/**
 * Shop traffic for `durationMs`: products on catalog (the gateway fronts orders only, as one HTTP API route would),
 * customers and orders through the gateway, plus the 4xx a real shop sees (unknown order, bad input, out of stock).
 * Calls are made as the demo shopper (the product is added as admin). Returns the first order it placed, tracked by
 * request id.
 */
export async function driveShopTraffic(system: TwoServiceSystem, durationMs: number): Promise<TrackedOrder> {
  const api = `${system.gatewayUrl}/api`;
  const { shopper, admin } = system.tokens;
  const product = await send(`${system.catalog.origin}/catalog/products`, 'POST', admin, {
    sku: `SKU-${randomUUID().slice(0, 8)}`,
    name: 'Trail runner',
    priceCents: 8900,
    stock: 1_000,
  });
  // The customer is the token's subject: the shopper's own record, created or updated in place.
  await send(`${api}/customers/me`, 'PUT', shopper, { email: `${randomUUID()}@example.com`, name: 'Ola' });
  const order = { lines: [{ productId: product.json.id, quantity: 1 }] };
  const requestId = randomUUID();
  const tracked = await send(`${api}/orders`, 'POST', shopper, order, { 'x-request-id': requestId });
  const deadline = Date.now() + durationMs;
  while (Date.now() < deadline) {
    const placed = await send(`${api}/orders`, 'POST', shopper, order);
    await Promise.all([
      send(`${api}/orders/${placed.json.id}`, 'GET', shopper),
      send(`${api}/orders/${randomUUID()}`, 'GET', shopper),
      send(`${api}/orders`, 'POST', shopper, { lines: [] }),
      send(`${api}/orders`, 'POST', shopper, {
        ...order,
        lines: [{ productId: product.json.id, quantity: 1_000_000 }],
      }),
      send(`${system.catalog.origin}/catalog/products?limit=5`, 'GET', shopper),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { requestId, status: tracked.status };
}
