import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { RequestCompletion } from './logger.ts';
import { requestTimeoutProblem, sendProblem } from './problem.ts';

const TIMER = Symbol('shoestring.deadline');

type DeadlineCarrier = FastifyReply & { [TIMER]?: NodeJS.Timeout | null };

export interface RequestDeadlineOptions {
  readonly timeoutMs: number;
  /** The app's request completion (`buildApp`), which tells the deadline a request is answered. */
  readonly completion: RequestCompletion;
}

/**
 * Answers 503 REQUEST_TIMEOUT when a request is still unanswered after `timeoutMs`, for every method.
 * Fastify's own `handlerTimeout` (5.12) stops its timer when the request body has been read, so it never
 * fires for POST/PATCH/PUT (fastify/fastify#6725). The handler itself runs on until the database statement
 * timeout ends it; callers retry writes with their Idempotency-Key.
 *
 * The timer is cleared by the app's request completion, not an `onResponse` hook (`RequestCompletion`).
 */
export const requestDeadlinePlugin = fp<RequestDeadlineOptions>(
  async (app: FastifyInstance, { timeoutMs, completion }) => {
    // Declared, so every reply has the field from the start: a property added per request changes the reply's shape
    // and slows every function that reads replies.
    app.decorateReply(TIMER, null);
    app.addHook('onRequest', (request, reply, done) => {
      (reply as DeadlineCarrier)[TIMER] = setTimeout(() => {
        if (reply.sent) return;
        request.log.warn({ timeoutMs }, 'request deadline passed');
        void sendProblem(reply, requestTimeoutProblem(request));
      }, timeoutMs);
      done();
    });
    completion.observe((_request, reply) => clearTimeout((reply as DeadlineCarrier)[TIMER] ?? undefined));
  },
  { name: 'request-deadline' },
);
