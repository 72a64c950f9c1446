import { expect } from 'vitest';
import { ADMIN, bearer, testIssuer, unique } from './app.ts';

/** A minimal HTTP client, the same for `app.inject` and a real socket, so one suite runs in every topology. */
// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies field by field
type Json = any;

export interface ShopClient {
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ statusCode: number; headers: Record<string, unknown>; body: string; json(): Json }>;
}

/** The same client, sending `headers` on every request unless the request sets them itself. */
export function withHeaders(client: ShopClient, headers: Record<string, string>): ShopClient {
  return {
    request: (method, url, body, own = {}) => client.request(method, url, body, { ...headers, ...own }),
  };
}

/** Adds a product as the admin, whoever `client` is signed in as. */
export async function createProduct(client: ShopClient, stock: number, priceCents = 1250) {
  const response = await withHeaders(client, ADMIN).request('POST', '/catalog/products', {
    sku: unique('SKU'),
    name: unique('Sneaker'),
    priceCents,
    stock,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; sku: string; name: string; stock: number; priceCents: number };
}

export interface Shopper {
  /** The customer record's id. */
  readonly id: string;
  /** The token subject the record belongs to. */
  readonly subject: string;
  /** `Authorization` of this shopper. */
  readonly headers: { authorization: string };
  /** `client`, signed in as this shopper. */
  readonly client: ShopClient;
}

/** A new user signs in and creates their customer record (PUT /customers/me). */
export async function createCustomer(client: ShopClient): Promise<Shopper> {
  const subject = unique('shopper');
  const headers = bearer(await testIssuer.token({ sub: subject }));
  const signedIn = withHeaders(client, headers);
  const response = await signedIn.request('PUT', '/customers/me', {
    email: `${unique('c')}@example.com`,
    name: 'Cora',
  });
  expect(response.statusCode, response.body).toBe(201);
  return { id: response.json().id, subject, headers, client: signedIn };
}

export async function stockOf(client: ShopClient, productId: string): Promise<number> {
  return (await client.request('GET', `/catalog/products/${productId}`)).json().stock;
}

/** A ShopClient over real HTTP; `routeTo` picks the process for a path, like the gateway would. */
export function httpClient(routeTo: (path: string) => string): ShopClient {
  return {
    async request(method, url, body, headers = {}) {
      const response = await fetch(`${routeTo(url)}${url}`, {
        method,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      return {
        statusCode: response.status,
        headers: Object.fromEntries(response.headers),
        body: text,
        json: () => JSON.parse(text),
      };
    },
  };
}
