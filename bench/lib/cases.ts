import type { RawRequest, RequestSpec } from 'autocannon';
import type { BASELINE_SQL } from '../baseline/sql.ts';
import type { SignedInShop } from '../harness/seed.ts';

export type CaseName = 'get-product' | 'list-products' | 'place-order';

export interface BenchCase {
  readonly name: CaseName;
  /** What one request does, for the summary table. */
  readonly title: string;
  /** The case writes orders: empty them and restore stock before each run so runs start equal. */
  readonly writes: boolean;
  /** The baseline statements this case runs, checked against the API source before it is measured. */
  readonly statements: readonly (keyof typeof BASELINE_SQL)[];
  /** The request autocannon repeats; `setupRequest` varies ids and pages so no single row stays hot in a cache. */
  request(shop: SignedInShop): RequestSpec;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

export const BENCH_CASES: readonly BenchCase[] = [
  {
    name: 'get-product',
    title: 'GET /catalog/products/:id',
    writes: false,
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
    title: 'GET /catalog/products?limit=20',
    writes: false,
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
    title: 'POST /orders (1 line)',
    writes: true,
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
];
