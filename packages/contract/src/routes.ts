import { MODULE_NAMES } from './modules.ts';

/** Every public API path starts with this at the edge (CloudFront, the HTTP API, the local gateway, Vite's proxy). */
export const API_PREFIX = '/api';

/**
 * Who may call an operation.
 * - `anonymous`: anyone, no token (catalog reads).
 * - `shopper`: any signed-in user; what they reach is further limited to their own records.
 * - `admin`: a signed-in user in the `admin` group.
 * - `internal`: another service of this API only; never routed from the edge.
 * - `operational`: probes and scrapers inside the task or VPC (health, readiness, metrics); never routed from the edge.
 */
export type Access = 'anonymous' | 'shopper' | 'admin' | 'internal' | 'operational';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Operation {
  /** The OpenAPI operationId; the route in the API registers under it. */
  readonly operationId: string;
  readonly method: HttpMethod;
  /** The path the container serves, in Fastify's form (`/catalog/products/:id`), without {@link API_PREFIX}. */
  readonly path: string;
  /** The module that serves it; `platform` for the process's own routes. */
  readonly module: string;
  readonly access: Access;
}

const op = (
  operationId: string,
  method: HttpMethod,
  path: string,
  module: string,
  access: Access,
): Operation => ({ operationId, method, path, module, access });

/**
 * The one route table. The API registers each route from its entry, the HTTP API and the local gateway route and
 * authorize from it, so a path nobody declared here is a 404 at the edge.
 */
export const OPERATIONS: readonly Operation[] = [
  op('listProducts', 'GET', '/catalog/products', 'catalog', 'anonymous'),
  op('getProduct', 'GET', '/catalog/products/:id', 'catalog', 'anonymous'),
  op('createProduct', 'POST', '/catalog/products', 'catalog', 'admin'),
  op('updateProduct', 'PATCH', '/catalog/products/:id', 'catalog', 'admin'),
  op('adjustStock', 'POST', '/catalog/products/:id/stock-adjustments', 'catalog', 'admin'),
  op('reserveStock', 'PUT', '/internal/catalog/reservations/:id', 'catalog', 'internal'),
  op('releaseStock', 'DELETE', '/internal/catalog/reservations/:id', 'catalog', 'internal'),

  // The customer record is the caller's own (the token's subject); admins list and read any of them.
  op('getMyCustomer', 'GET', '/customers/me', 'customers', 'shopper'),
  op('putMyCustomer', 'PUT', '/customers/me', 'customers', 'shopper'),
  op('listCustomers', 'GET', '/customers', 'customers', 'admin'),
  op('getCustomer', 'GET', '/customers/:id', 'customers', 'admin'),
  // The orders module's remote customers facade finds the caller's record by the token's subject.
  op('getCustomerBySubject', 'GET', '/internal/customers/by-subject/:subject', 'customers', 'internal'),

  op('listOrders', 'GET', '/orders', 'orders', 'shopper'),
  op('getOrder', 'GET', '/orders/:id', 'orders', 'shopper'),
  op('placeOrder', 'POST', '/orders', 'orders', 'shopper'),
  op('cancelOrder', 'POST', '/orders/:id/cancel', 'orders', 'shopper'),

  op('health', 'GET', '/health', 'platform', 'operational'),
  op('ready', 'GET', '/ready', 'platform', 'operational'),
  op('metrics', 'GET', '/metrics', 'platform', 'operational'),
  op('openapi', 'GET', '/openapi.json', 'platform', 'operational'),
];

/** The access levels a request from the internet may reach. */
export const EDGE_ACCESS: readonly Access[] = ['anonymous', 'shopper', 'admin'];

/** The operations routed from the edge; everything else (internal, operational) is a 404 there. */
export const EDGE_OPERATIONS: readonly Operation[] = OPERATIONS.filter((o) => EDGE_ACCESS.includes(o.access));

export function operation(operationId: string): Operation {
  const found = OPERATIONS.find((o) => o.operationId === operationId);
  if (!found) throw new Error(`No operation "${operationId}" in the route table`);
  return found;
}

/** `/catalog/products/:id` as OpenAPI and API Gateway write it: `/catalog/products/{id}`. */
export function bracedPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** The operation a method and container path (without the prefix, without the query) address, if any. */
export function matchOperation(
  method: string,
  path: string,
  operations: readonly Operation[] = OPERATIONS,
): Operation | undefined {
  const segments = path.split('/');
  const params = (o: Operation) => o.path.split('/').filter((part) => part.startsWith(':')).length;
  const matches = operations.filter((o) => {
    if (o.method !== method.toUpperCase()) return false;
    const pattern = o.path.split('/');
    return (
      pattern.length === segments.length &&
      pattern.every((part, i) => (part.startsWith(':') ? (segments[i] ?? '') !== '' : part === segments[i]))
    );
  });
  // A literal segment wins over a parameter, as in Fastify and API Gateway: `/customers/me` before `/customers/:id`.
  return matches.sort((a, b) => params(a) - params(b))[0];
}

for (const o of OPERATIONS) {
  if (o.module !== 'platform' && !MODULE_NAMES.includes(o.module))
    throw new Error(`Route table: ${o.operationId} names unknown module ${o.module}`);
}
