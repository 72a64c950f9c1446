import type { FastifyRequest } from 'fastify';

/** The route of a request the router matched to none (a 404 from the router, a malformed URL). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The pattern of the route that served `request` (`/catalog/products/:id`, never the raw URL), for the request line
 * and the metrics labels. Fastify's `request.routeOptions` is a getter that builds a new options object on every
 * read, so `RequestCompletion` reads it once per request and hands it to every observer.
 */
export function routePatternOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? UNMATCHED_ROUTE;
}
