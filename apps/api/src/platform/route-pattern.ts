import type { FastifyRequest } from 'fastify';

/** The route of a request the router matched to none (a 404 from the router, a malformed URL). */
export const UNMATCHED_ROUTE = 'unmatched';

const ROUTE_PATTERN = Symbol('shoestring.routePattern');

/**
 * The pattern of the route that served `request` (`/catalog/products/:id`, never the raw URL), for the request line
 * and the metrics labels. Read once per request: Fastify's `request.routeOptions` is a getter that builds a new
 * options object on every read.
 */
export function routePatternOf(request: FastifyRequest): string {
  const carrier = request as FastifyRequest & { [ROUTE_PATTERN]?: string };
  carrier[ROUTE_PATTERN] ??= request.routeOptions.url ?? UNMATCHED_ROUTE;
  return carrier[ROUTE_PATTERN];
}
