import { request as httpRequest } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SignedInShop } from '../../../../../bench/harness/seed.ts';
import type { TimedRequest } from './load.ts';

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** A one-line order by a random seeded customer, with that customer's token. */
export function orderRequest(shop: SignedInShop): { body: string; headers: Record<string, string> } {
  const customer = Math.floor(Math.random() * shop.customerIds.length);
  return {
    body: JSON.stringify({
      customerId: shop.customerIds[customer],
      lines: [{ productId: pick(shop.productIds), quantity: 1 }],
    }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${shop.customerTokens[customer]}` },
  };
}

/** The shop's everyday traffic, one request at a time: product pages, listings and orders in turn. */
export function everydayRequest(
  baseUrl: string,
  shop: SignedInShop,
  turn: number,
  timeoutMs: number,
): TimedRequest {
  switch (turn % 3) {
    case 0:
      return { label: 'GET product', url: `${baseUrl}/catalog/products/${pick(shop.productIds)}`, timeoutMs };
    case 1:
      return { label: 'GET products', url: `${baseUrl}/catalog/products?limit=20`, timeoutMs };
    default:
      return {
        label: 'POST order',
        url: `${baseUrl}/orders`,
        init: { method: 'POST', ...orderRequest(shop) },
        timeoutMs,
      };
  }
}

/**
 * POST /orders whose body arrives in two halves `gapMs` apart: the request is in flight for that long, which lets a
 * test place a request across the moment the server stops accepting connections.
 */
export function trickledOrder(
  baseUrl: string,
  shop: SignedInShop,
  gapMs: number,
): Promise<{ status: number; body: string }> {
  const order = orderRequest(shop);
  const body = Buffer.from(order.body);
  const half = Math.floor(body.length / 2);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${baseUrl}/orders`,
      { method: 'POST', headers: { ...order.headers, 'content-length': body.length } },
      (response) => {
        let text = '';
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    request.write(body.subarray(0, half));
    void sleep(gapMs).then(() => request.end(body.subarray(half)));
  });
}
