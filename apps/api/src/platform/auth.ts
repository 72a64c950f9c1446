import { timingSafeEqual } from 'node:crypto';
import type { Access, Operation } from '@shoestring/contract';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { AuthConfig } from './config.ts';
import { INTERNAL_TOKEN_HEADER, SECURITY_BY_ACCESS } from './endpoint.ts';
import { AppError } from './errors.ts';
import { appProblem, sendProblem } from './problem.ts';
import {
  type Caller,
  createTokenVerifier,
  IssuerUnavailableError,
  TokenRejectedError,
} from './token-verifier.ts';

export type { Caller } from './token-verifier.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route this app serves, as its route table entry (all routes come from the table). */
    readonly servedOperations: readonly Operation[];
  }
  interface FastifyRequest {
    /** The signed-in user on shopper and admin routes (null elsewhere). */
    caller: Caller | null;
  }
}

export interface AuthPluginOptions {
  readonly auth: AuthConfig;
  /** See `TokenVerifierOptions.jwksCooldownMs`. */
  readonly jwksCooldownMs?: number;
}

/**
 * Enforces each route's access from the route table (ADR 0100), before its body is even parsed:
 * anonymous and operational need nothing, shopper a valid access token, admin one in the admin group, internal the
 * service credential. Every route must come from the table (`endpoint()`); one that does not fails the start.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, { auth, jwksCooldownMs }: AuthPluginOptions) => {
    const verify = auth.issuer
      ? createTokenVerifier({
          issuer: auth.issuer,
          audiences: auth.audiences,
          jwksUrl: auth.jwksUrl ?? '',
          ...(jwksCooldownMs === undefined ? {} : { jwksCooldownMs }),
        })
      : undefined;
    const hooks: Record<Access, onRequestHookHandler | undefined> = {
      anonymous: undefined,
      operational: undefined,
      shopper: userHook(verify, false),
      admin: userHook(verify, true),
      internal: internalHook(auth.internalToken),
    };

    const served: Operation[] = [];
    app.decorate('servedOperations', served);
    app.decorateRequest('caller', null);
    app.addHook('onRoute', (route) => {
      const entry = route.config?.operation;
      if (!entry || entry.method !== route.method || entry.path !== route.url)
        throw new Error(
          `${route.method} ${route.url} is not from the route table: register it with endpoint()`,
        );
      served.push(entry);
      route.schema = {
        ...route.schema,
        operationId: entry.operationId,
        security: SECURITY_BY_ACCESS[entry.access],
      };
      const hook = hooks[entry.access];
      const existing = route.onRequest ? [route.onRequest].flat() : [];
      if (hook) route.onRequest = [hook, ...existing];
    });
  },
  { name: 'auth' },
);

/** The signed-in user of a shopper or admin route; the access check guarantees one before the handler runs. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new Error(`${request.routeOptions.url} reached its handler without a caller`);
  return request.caller;
}

function userHook(verify: ReturnType<typeof createTokenVerifier> | undefined, adminOnly: boolean) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply) {
    if (!verify)
      return refuse(
        request,
        reply,
        503,
        'AUTH_NOT_CONFIGURED',
        'This API has no token issuer (AUTH_ISSUER).',
      );
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) {
      reply.header('www-authenticate', 'Bearer');
      return refuse(
        request,
        reply,
        401,
        'AUTH_TOKEN_MISSING',
        'Send an access token: Authorization: Bearer <token>.',
      );
    }
    try {
      request.caller = await verify(token);
    } catch (error) {
      if (error instanceof TokenRejectedError) {
        reply.header('www-authenticate', 'Bearer error="invalid_token"');
        return refuse(request, reply, 401, 'AUTH_TOKEN_INVALID', error.message);
      }
      if (error instanceof IssuerUnavailableError) {
        request.log.warn({ err: error }, 'token issuer unavailable');
        return refuse(
          request,
          reply,
          503,
          'AUTH_UNAVAILABLE',
          'Tokens cannot be checked right now; retry later.',
        );
      }
      throw error;
    }
    if (adminOnly && request.caller.role !== 'admin')
      return refuse(request, reply, 403, 'AUTH_FORBIDDEN', 'This operation is for admins only.');
  };
}

function internalHook(expected: string | undefined) {
  const expectedBytes = expected === undefined ? undefined : Buffer.from(expected);
  return async function authenticateService(request: FastifyRequest, reply: FastifyReply) {
    const sent = request.headers[INTERNAL_TOKEN_HEADER];
    const sentBytes = typeof sent === 'string' ? Buffer.from(sent) : undefined;
    const valid =
      expectedBytes !== undefined &&
      sentBytes !== undefined &&
      sentBytes.length === expectedBytes.length &&
      timingSafeEqual(sentBytes, expectedBytes);
    if (!valid)
      return refuse(
        request,
        reply,
        403,
        'AUTH_INTERNAL_ONLY',
        'This operation is for services of this API only.',
      );
  };
}

/** `Bearer <token>`, case-insensitive scheme; undefined when absent or another scheme. */
function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1];
}

function refuse(request: FastifyRequest, reply: FastifyReply, status: number, code: string, detail: string) {
  request.log.info({ code, detail }, 'request refused');
  return sendProblem(reply, appProblem(new AppError(code, status, detail), request));
}
