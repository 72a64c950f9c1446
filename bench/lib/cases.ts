import type { RawRequest, RequestSpec } from 'autocannon';
import type { BASELINE_SQL } from '../baseline/sql.ts';
import { resetOrders, type SignedInShop, seedOrders } from '../harness/seed.ts';

export type CaseName = 'get-product' | 'list-products' | 'place-order' | 'my-orders';

export interface BenchCase {
  readonly name: CaseName;
  /** What one request does, for the summary table. */
  readonly title: string;
  /** Puts the tables in the state this case starts from, before every run, so that every server starts equal. */
  prepare?(databaseUrl: string, shop: SignedInShop): Promise<void>;
  /** The baseline statements this case runs, checked against the API source before it is measured. */
  readonly statements: readonly (keyof typeof BASELINE_SQL)[];
  /**
   * Requests per second per server with `--paired` and no `--rate`: three servers at once stay inside two CPUs, with
   * PostgreSQL, so none of them queues and each server's CPU per request is its own.
   */
  readonly pairedRate: number;
  /** Whether the bare-Fastify reference (`--floor`) serves this case: it has the two catalog reads only. */
  readonly floor?: boolean;
  /** The request autocannon repeats; `setupRequest` varies ids and pages so no single row stays hot in a cache. */
  request(shop: SignedInShop): RequestSpec;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

export const BENCH_CASES: readonly BenchCase[] = [
  {
    name: 'get-product',
    floor: true,
    pairedRate: 500,
    title: 'GET /catalog/products/:id',
    statements: ['getProduct'],
    request: (shop) => ({
      method: 'GET',
      setupRequest: (request: RawRequest) => ({
        ...request,
        path: `/catalog/products/${pick(shop.productIds)}`,
      }),
    }),
  },
  {
    name: 'list-products',
    floor: true,
    pairedRate: 200,
    title: 'GET /catalog/products?limit=20',
    statements: ['listProducts', 'countProducts'],
    request: (shop) => {
      const pages = Math.max(1, Math.floor(shop.productIds.length / 20));
      return {
        method: 'GET',
        setupRequest: (request: RawRequest) => ({
          ...request,
          path: `/catalog/products?limit=20&offset=${Math.floor(Math.random() * pages) * 20}`,
        }),
      };
    },
  },
  {
    name: 'place-order',
    pairedRate: 100,
    title: 'POST /orders (1 line)',
    // Starts from empty order tables and full stock.
    prepare: (databaseUrl, shop) => resetOrders(databaseUrl, shop.stock),
    statements: [
      'getCustomerBySubject',
      'claimReservation',
      'takeStock',
      'stockOf',
      'recordReservation',
      'insertPendingOrder',
      'markPlaced',
      'insertOrderLines',
      'getOrder',
      'getOrderLines',
    ],
    request: (shop) => ({
      method: 'POST',
      path: '/orders',
      headers: { 'content-type': 'application/json' },
      setupRequest: (request: RawRequest) => {
        const customer = Math.floor(Math.random() * shop.customerIds.length);
        return {
          ...request,
          headers: { ...request.headers, authorization: `Bearer ${shop.customerTokens[customer]}` },
          body: JSON.stringify({
            customerId: shop.customerIds[customer],
            lines: [{ productId: pick(shop.productIds), quantity: 1 }],
          }),
        };
      },
    }),
  },
  {
    name: 'my-orders',
    pairedRate: 250,
    title: "GET /orders (a shopper's own, bearer token)",
    // Every customer has the same few orders, so each request reads one customer, one page and its lines.
    prepare: async (databaseUrl, shop) => {
      await resetOrders(databaseUrl, shop.stock);
      await seedOrders(databaseUrl, shop, ORDERS_PER_CUSTOMER);
    },
    statements: ['getCustomerBySubject', 'listOrders', 'countOrders', 'getOrderLines'],
    request: (shop) => ({
      method: 'GET',
      path: '/orders',
      setupRequest: (request: RawRequest) => ({
        ...request,
        headers: { ...request.headers, authorization: `Bearer ${pick(shop.customerTokens)}` },
      }),
    }),
  },
];

/** Placed orders per seeded customer in the my-orders case (two lines each): a realistic first page. */
const ORDERS_PER_CUSTOMER = 3;
