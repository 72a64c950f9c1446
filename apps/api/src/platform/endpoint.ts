import { type Access, type Operation, operation } from '@shoestring/contract';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route table entry this route serves; the auth plugin enforces its access and documents it. */
    operation?: Operation;
  }
}

/**
 * What a route takes from the route table: `app.route({ ...endpoint('getProduct'), schema, handler })`. Method,
 * path and operationId come only from the table, so the API, the gateway and the HTTP API cannot drift apart.
 */
export function endpoint(operationId: string) {
  const entry = operation(operationId);
  return { method: entry.method, url: entry.path, config: { operation: entry } };
}

/** The OpenAPI security schemes: a user's access token, and the service credential of internal routes. */
export const SECURITY_SCHEMES = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'An OpenID Connect access token of the configured issuer (Cognito, or the local provider).',
  },
  internalToken: {
    type: 'apiKey',
    in: 'header',
    name: 'x-internal-token',
    description:
      'INTERNAL_API_TOKEN, sent by one service of this API to another; never routed from the edge.',
  },
} as const;

/** The header internal routes read the service credential from. */
export const INTERNAL_TOKEN_HEADER = SECURITY_SCHEMES.internalToken.name;

/** Per-operation OpenAPI `security` for each access level; an empty list means no credential. */
export const SECURITY_BY_ACCESS: Record<Access, Record<string, string[]>[]> = {
  anonymous: [],
  operational: [],
  shopper: [{ bearerAuth: [] }],
  admin: [{ bearerAuth: [] }],
  internal: [{ internalToken: [] }],
};
