import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isDatabaseUnavailable, PG_QUERY_CANCELED, pgErrorCode } from './db.ts';
import { AppError, defaultTitle } from './errors.ts';
import { addToRequestLine } from './logger.ts';
import type { Problem } from './schemas.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Fastify's own 4xx errors, mapped to stable codes; their messages are safe to show. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
};

/** Turns every error into RFC 9457 problem+json; 5xx bodies never carry internals (they are logged instead). */
export const problemPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const problem = toProblem(error, request);
      if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
      else addToRequestLine(request, { code: problem.code, detail: problem.detail });
      return sendProblem(reply, problem);
    });
    app.setNotFoundHandler((request, reply) =>
      sendProblem(reply, {
        ...base(404, 'NOT_FOUND', `No route for ${request.method} ${request.url.split('?')[0]}`, request),
      }),
    );
  },
  { name: 'problem' },
);

export function sendProblem(reply: FastifyReply, problem: Problem) {
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

export function toProblem(error: FastifyError, request: FastifyRequest): Problem {
  if (error instanceof AppError) return appProblem(error, request);
  if (error.validation) {
    const errors = error.validation.map((issue) => ({
      path: `${error.validationContext ?? ''}${issue.instancePath}${missingProperty(issue.params)}`,
      message: issue.message ?? 'is invalid',
    }));
    const detail = `The request is invalid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`;
    return { ...base(400, 'VALIDATION_FAILED', detail, request), errors };
  }
  if (error.code === 'FST_ERR_HANDLER_TIMEOUT') return requestTimeoutProblem(request);
  // PostgreSQL text cannot hold NUL (U+0000); JSON and query strings can carry it, so it is the caller's error.
  if (pgErrorCode(error) === '22021')
    return base(400, 'VALIDATION_FAILED', 'Text must not contain NUL (U+0000) characters.', request);
  if (isDatabaseUnavailable(error)) {
    return base(503, 'DATABASE_UNAVAILABLE', 'The database is unreachable; retry later.', request);
  }
  if (pgErrorCode(error) === PG_QUERY_CANCELED) {
    return base(503, 'DATABASE_TIMEOUT', 'A database statement took too long; retry later.', request);
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return base(status, FASTIFY_CODES[error.code] ?? 'BAD_REQUEST', error.message, request);
  }
  return base(500, 'INTERNAL', `An unexpected error occurred (request id ${request.id}).`, request);
}

export function appProblem(error: AppError, request: FastifyRequest): Problem {
  return { ...base(error.status, error.code, error.detail, request), title: error.title };
}

export function requestTimeoutProblem(request: FastifyRequest): Problem {
  return base(503, 'REQUEST_TIMEOUT', 'The request took too long and was abandoned; retry later.', request);
}

function base(status: number, code: string, detail: string, request: FastifyRequest): Problem {
  return {
    type: `urn:shoestring:problem:${code.toLowerCase().replaceAll('_', '-')}`,
    title: defaultTitle(status),
    status,
    detail,
    code,
    instance: request.url.split('?')[0] ?? '/',
  };
}

function missingProperty(params: unknown): string {
  const missing = (params as { missingProperty?: unknown } | undefined)?.missingProperty;
  return typeof missing === 'string' ? `/${missing}` : '';
}
