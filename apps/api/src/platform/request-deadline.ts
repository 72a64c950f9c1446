import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { requestTimeoutProblem, sendProblem } from './problem.ts';

const TIMER = Symbol('shoestring.deadline');

/**
 * Answers 503 REQUEST_TIMEOUT when a request is still unanswered after `timeoutMs`, for every method.
 * Fastify's own `handlerTimeout` (5.12) stops its timer when the request body has been read, so it never
 * fires for POST/PATCH/PUT (fastify/fastify#6725). The handler itself runs on until the database statement
 * timeout ends it; callers retry writes with their Idempotency-Key.
 */
export const requestDeadlinePlugin = fp<{ timeoutMs: number }>(
  async (app: FastifyInstance, { timeoutMs }) => {
    app.addHook('onRequest', (request, reply, done) => {
      const timer = setTimeout(() => {
        if (reply.sent) return;
        request.log.warn({ timeoutMs }, 'request deadline passed');
        void sendProblem(reply, requestTimeoutProblem(request));
      }, timeoutMs);
      (request as unknown as Record<symbol, NodeJS.Timeout>)[TIMER] = timer;
      done();
    });
    app.addHook('onResponse', (request, _reply, done) => {
      clearTimeout((request as unknown as Record<symbol, NodeJS.Timeout>)[TIMER]);
      done();
    });
  },
  { name: 'request-deadline' },
);
