import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { requestTimeoutProblem, sendProblem } from './problem.ts';

const DEADLINE = Symbol('shoestring.deadline');

interface Deadline {
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  readonly due: number;
  answered: boolean;
}

/** How often the queue is checked, as a share of the timeout: a deadline fires at most this late. */
const CHECKS_PER_TIMEOUT = 20;
const MAX_CHECK_INTERVAL_MS = 100;

/**
 * The requests still waiting for their deadline, in arrival order. Every request gets the same timeout, so the first
 * one due is always the oldest: one timer checks the head of the queue, instead of a timer set and cleared for every
 * request (`setTimeout` reads the loop's clock through a native call and links a timer object each time; on a
 * primary-key read that was a visible share of the platform's CPU, docs/performance.md).
 */
class DeadlineQueue {
  private readonly queue: Deadline[] = [];
  private head = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly checkEveryMs: number;

  constructor(
    private readonly timeoutMs: number,
    private readonly expire: (deadline: Deadline) => void,
  ) {
    this.checkEveryMs = Math.max(
      1,
      Math.min(MAX_CHECK_INTERVAL_MS, Math.ceil(timeoutMs / CHECKS_PER_TIMEOUT)),
    );
  }

  add(request: FastifyRequest, reply: FastifyReply): Deadline {
    const deadline: Deadline = { request, reply, due: Date.now() + this.timeoutMs, answered: false };
    this.dropAnswered();
    this.queue.push(deadline);
    if (this.timer === undefined) {
      // Unref'd: the listening server keeps the process alive, and the queue empties once requests are answered.
      this.timer = setInterval(() => this.check(), this.checkEveryMs);
      this.timer.unref();
    }
    return deadline;
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private check(): void {
    const now = Date.now();
    this.dropAnswered();
    while (this.head < this.queue.length) {
      const deadline = this.queue[this.head] as Deadline;
      if (deadline.due > now) break;
      this.head++;
      if (!deadline.answered) this.expire(deadline);
      this.dropAnswered();
    }
    if (this.head === this.queue.length) this.stop();
  }

  /** Forgets answered requests at the head, and compacts the array once half of it is behind the head. */
  private dropAnswered(): void {
    while (this.head < this.queue.length && (this.queue[this.head] as Deadline).answered) this.head++;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    } else if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    }
  }
}

/**
 * Answers 503 REQUEST_TIMEOUT when a request is still unanswered after `timeoutMs` (within a twentieth of it, at most
 * 100 ms late), for every method. Fastify's own `handlerTimeout` (5.12) stops its timer when the request body has
 * been read, so it never fires for POST/PATCH/PUT (fastify/fastify#6725). The handler itself runs on until the
 * database statement timeout ends it; callers retry writes with their Idempotency-Key.
 */
export const requestDeadlinePlugin = fp<{ timeoutMs: number }>(
  async (app: FastifyInstance, { timeoutMs }) => {
    const deadlines = new DeadlineQueue(timeoutMs, ({ request, reply }) => {
      if (reply.sent) return;
      request.log.warn({ timeoutMs }, 'request deadline passed');
      void sendProblem(reply, requestTimeoutProblem(request));
    });
    app.addHook('onRequest', (request, reply, done) => {
      (request as unknown as Record<symbol, Deadline>)[DEADLINE] = deadlines.add(request, reply);
      done();
    });
    app.addHook('onResponse', (request, _reply, done) => {
      const deadline = (request as unknown as Record<symbol, Deadline | undefined>)[DEADLINE];
      if (deadline) deadline.answered = true;
      done();
    });
  },
  { name: 'request-deadline' },
);
