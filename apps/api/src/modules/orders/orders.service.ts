import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { PG_UNIQUE_VIOLATION, type Pool, pgConstraint, pgErrorCode } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { CatalogFacade } from '../catalog/index.ts';
import type { CustomersFacade } from '../customers/index.ts';
import {
  OrdersAlreadyCancelledError,
  OrdersIdempotencyKeyInProgressError,
  OrdersIdempotencyKeyReusedError,
} from './orders.errors.ts';
import { OrdersRepository, type StoredOrder } from './orders.repository.ts';
import type { NewOrder, Order } from './orders.schemas.ts';

/** A pending order this old belongs to a request that died: the longest request (timeouts, retries) is ~30 s. */
export const ABANDON_AFTER_MS = 120_000;
const SETTLE_WAIT_MS = 5000;
const SETTLE_POLL_MS = 50;

/** The sweeper took the order over while this request was still placing it (only after ABANDON_AFTER_MS). */
class OrdersPlacementAbandonedError extends AppError {
  constructor(id: string) {
    super('ORDERS_PLACEMENT_ABANDONED', 503, `Placing order ${id} took too long and was abandoned; retry.`);
  }
}

export interface OrdersDependencies {
  readonly pool: Pool;
  readonly catalog: CatalogFacade;
  readonly customers: CustomersFacade;
}

export interface PlacedOrder {
  readonly order: Order;
  /** True when an Idempotency-Key repeat returned the original order. */
  readonly replayed: boolean;
}

/** Placing and cancelling orders: the only place that talks to the catalog and customers facades. */
export class OrdersService {
  readonly orders: OrdersRepository;

  constructor(private readonly deps: OrdersDependencies) {
    this.orders = new OrdersRepository(deps.pool);
  }

  /**
   * Checks the customer, writes the order as pending (claiming the Idempotency-Key), reserves every line's stock
   * (all or nothing) under the order id, then marks it placed. A failure on the way gives the stock back; a
   * crash or outage leaves a pending row that `sweepAbandoned` finishes (ADR 0023).
   */
  async place(input: NewOrder, idempotencyKey?: string): Promise<PlacedOrder> {
    rejectDuplicateProducts(input);
    const requestHash = idempotencyKey === undefined ? undefined : hashRequest(input);
    for (let attempt = 0; ; attempt++) {
      if (idempotencyKey !== undefined) {
        const existing = await this.settledOrderFor(idempotencyKey);
        if (existing) return replay(existing, requestHash!);
      }
      await this.deps.customers.getCustomer(input.customerId);
      const id = randomUUID();
      try {
        await this.orders.insertPending({ id, customerId: input.customerId, idempotencyKey, requestHash });
      } catch (error) {
        // Another request with this key got in first: answer with its order once it settles.
        if (attempt < 3 && isIdempotencyKeyConflict(error)) continue;
        throw error;
      }
      return { order: await this.reserveAndPlace(id, input), replayed: false };
    }
  }

  /** Finishes orders whose request died between writing and placing them: gives their stock back, removes them. */
  async sweepAbandoned(olderThanMs = ABANDON_AFTER_MS): Promise<number> {
    const abandoned = await this.orders.claimAbandoned(olderThanMs);
    for (const id of abandoned) {
      await this.deps.catalog.releaseStock(id);
      await this.orders.deleteAbandoned(id);
    }
    return abandoned.length;
  }

  private async reserveAndPlace(id: string, input: NewOrder): Promise<Order> {
    try {
      const lines = await this.deps.catalog.reserveStock(id, input.lines);
      if (!(await this.orders.markPlaced(id, lines))) throw new OrdersPlacementAbandonedError(id);
    } catch (error) {
      if (!(error instanceof OrdersPlacementAbandonedError)) await this.giveUp(id);
      throw error;
    }
    return this.orders.get(id);
  }

  /** Best effort: whatever fails here (the database or catalog is down) the sweeper completes later. */
  private async giveUp(id: string) {
    try {
      await this.deps.catalog.releaseStock(id);
      await this.orders.deletePending(id);
    } catch {}
  }

  /** The order holding `key` once it is placed or cancelled; waits while a concurrent request is placing it. */
  private async settledOrderFor(key: string): Promise<StoredOrder | undefined> {
    for (let waited = 0; waited < SETTLE_WAIT_MS; waited += SETTLE_POLL_MS) {
      const existing = await this.orders.findByIdempotencyKey(key);
      if (!existing || existing.status === 'placed' || existing.status === 'cancelled') return existing;
      await sleep(SETTLE_POLL_MS);
    }
    throw new OrdersIdempotencyKeyInProgressError(
      `A request with Idempotency-Key ${key} is still being processed; retry with the same key shortly.`,
    );
  }

  /** Cancels a placed order and gives its stock back. Release first: it is idempotent, so a retry is safe. */
  async cancel(id: string): Promise<Order> {
    const order = await this.orders.get(id);
    if (order.status === 'cancelled') throw alreadyCancelled(id);
    await this.deps.catalog.releaseStock(id);
    if (!(await this.orders.markCancelled(id))) throw alreadyCancelled(id);
    return this.orders.get(id);
  }
}

function replay(existing: StoredOrder, requestHash: string): PlacedOrder {
  if (existing.requestHash !== requestHash) {
    throw new OrdersIdempotencyKeyReusedError(
      `This Idempotency-Key was used for a different request (order ${existing.order.id}); use a new key.`,
    );
  }
  return { order: existing.order, replayed: true };
}

function isIdempotencyKeyConflict(error: unknown): boolean {
  return pgErrorCode(error) === PG_UNIQUE_VIOLATION && pgConstraint(error) === 'orders_idempotency_key_key';
}

function alreadyCancelled(id: string) {
  return new OrdersAlreadyCancelledError(`Order ${id} is already cancelled.`);
}

function rejectDuplicateProducts(input: NewOrder) {
  const seen = new Set<string>();
  input.lines.forEach((line, index) => {
    if (seen.has(line.productId)) {
      throw new AppError(
        'VALIDATION_FAILED',
        400,
        `lines/${index}/productId repeats product ${line.productId}; put the whole quantity on one line.`,
      );
    }
    seen.add(line.productId);
  });
}

/** A stable hash of the request body: key order and whitespace do not matter. */
function hashRequest(input: NewOrder): string {
  const canonical = JSON.stringify({
    customerId: input.customerId.toLowerCase(),
    lines: input.lines.map((line) => [line.productId.toLowerCase(), line.quantity]),
  });
  return createHash('sha256').update(canonical).digest('hex');
}
