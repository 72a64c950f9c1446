import { type AccessToken, createRequester } from '../../src/api/client.ts';
import { createShopApi } from '../../src/api/shop-api.ts';
import type { Customer, Product } from '../../src/api/types.ts';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export type Answer = { status: number; body?: unknown } | 'network-error';
export type Handler = (request: RecordedRequest) => Answer | Promise<Answer>;

/**
 * The real API client over a fake `fetch`: components are tested with the same URL building, headers and
 * problem+json parsing the site uses, and each test decides what the server answers.
 */
export function fakeShopApi(handler: Handler) {
  const requests: RecordedRequest[] = [];
  const fetchImpl = async (url: string, init?: RequestInit): Promise<Response> => {
    const request: RecordedRequest = {
      method: init?.method ?? 'GET',
      path: url.replace(/^\/api/, ''),
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(request);
    const answer = await handler(request);
    if (answer === 'network-error') throw new TypeError('Failed to fetch');
    const isProblem = answer.status >= 400;
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': isProblem ? 'application/problem+json' : 'application/json' },
    });
  };
  /** The same fake server for the App, which hands the API its signed-in user's token. */
  const makeApi = (accessToken: AccessToken, onTokenRefused?: () => void) =>
    createShopApi(createRequester('/api', fetchImpl, accessToken, onTokenRefused));
  return { api: makeApi(() => null), makeApi, requests };
}

export function product(overrides: Partial<Product> = {}): Product {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    sku: 'BOOT-1',
    name: 'Trail boot',
    priceCents: 12_900,
    stock: 5,
    createdAt: '2026-11-28T05:00:00.000Z',
    updatedAt: '2026-11-28T05:00:00.000Z',
    ...overrides,
  };
}

export const page = <T>(items: T[]) => ({ items, total: items.length, limit: 20, offset: 0 });

export const ada: Customer = {
  id: 'c0ffee00-0000-4000-8000-000000000001',
  email: 'ada@example.com',
  name: 'Ada',
  createdAt: '2026-11-28T05:00:00.000Z',
};

/** An unsigned JWT with these claims: the site only reads the payload, the API checks the signature. */
export function tokenFor(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ sub: 'sub-1', ...claims })}.signature`;
}
