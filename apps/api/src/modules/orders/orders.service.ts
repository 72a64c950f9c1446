import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Caller } from '../../platform/auth.ts';
import { PG_UNIQUE_VIOLATION, type Pool, pgConstraint, pgErrorCode } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { PageResult } from '../../platform/schemas.ts';
import type { CatalogFacade } from '../catalog/index.ts';
import { type CustomersFacade, CustomersNotFoundError } from '../customers/index.ts';
import {
  OrdersAlreadyCancelledError,
  OrdersCustomerNotCallerError,
  OrdersIdempotencyKeyInProgressError,
  OrdersIdempotencyKeyReusedError,
  OrdersNotFoundError,
} from './orders.errors.ts';
import { OrdersRepository, type StoredOrder } from './orders.repository.ts';
import type { NewOrder, Order, OrderQuery } from './orders.schemas.ts';

/** A pending order this old belongs to a request that died: the longest request (timeouts, retries) is ~30 s. */
export const ABANDON_AFTER_MS = 120_000;
const SETTLE_WAIT_MS = 5000;
const SETTLE_POLL_MS = 50;

/** The order was abandoned (by the sweeper, or a concurrent repeat that failed) before this request placed it. */
class OrdersPlacementAbandonedError extends AppError {
  constructor(id: string) {
    super('ORDERS_PLACEMENT_ABANDONED', 503, `Placing order ${id} failed and was abandoned; retry.`);
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
   * (all or nothing) under the order id, then marks it placed. A repeat of the key finds the pending order and
   * drives the same order id to placed (the reservation is idempotent per id), so a client retrying after a
   * failure is never stuck. A failure gives the stock back; a crash leaves a pending row the sweeper finishes.
   * (ADR 0023)
   */
  async place(caller: Caller, order: NewOrder, idempotencyKey?: string): Promise<PlacedOrder> {
    rejectDuplicateProducts(order);
    // Orders are the caller's own: a customer id from the client may only repeat the caller's (ADR 0100).
    const customer = await this.deps.customers.getCustomerBySubject(caller.subject);
    if (order.customerId !== undefined && order.customerId.toLowerCase() !== customer.id) throw notCaller();
    const input = { ...order, customerId: customer.id };
    const requestHash = idempotencyKey === undefined ? undefined : hashRequest(input);
    for (let attempt = 0; ; attempt++) {
      const existing = idempotencyKey === undefined ? undefined : await this.orderHoldingKey(idempotencyKey);
      if (existing) {
        if (existing.requestHash !== requestHash) throw keyReused();
        if (existing.status !== 'pending') return { order: existing.order, replayed: true };
        return this.reserveAndPlace(existing.order.id, input);
      }
      const id = randomUUID();
      try {
        await this.orders.insertPending({ id, customerId: input.customerId, idempotencyKey, requestHash });
      } catch (error) {
        // Another request with this key got in first: continue with its order.
        if (attempt < 3 && isIdempotencyKeyConflict(error)) continue;
        throw error;
      }
      return this.reserveAndPlace(id, input);
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

  /** An order the caller may see: any for an admin, their own for a shopper (someone else's is "not found"). */
  async get(caller: Caller, id: string): Promise<Order> {
    const order = await this.orders.get(id);
    const owner = await this.ownerScope(caller);
    if (owner !== undefined && order.customerId !== owner)
      throw new OrdersNotFoundError(`Order ${id} does not exist.`);
    return order;
  }

  /** Every order for an admin (optionally one customer's); a shopper's own only. */
  async list(caller: Caller, query: OrderQuery): Promise<PageResult<Order>> {
    const owner = await this.ownerScope(caller);
    if (owner === undefined) return this.orders.list(query);
    if (query.customerId !== undefined && query.customerId.toLowerCase() !== owner) throw notCaller();
    if (owner === null) return { items: [], total: 0, limit: query.limit, offset: query.offset };
    return this.orders.list({ ...query, customerId: owner });
  }

  /**
   * The customer id a caller's reads are limited to: undefined for an admin (everything), null for a shopper
   * without a customer record (nothing).
   */
  private async ownerScope(caller: Caller): Promise<string | null | undefined> {
    if (caller.role === 'admin') return undefined;
    try {
      return (await this.deps.customers.getCustomerBySubject(caller.subject)).id;
    } catch (error) {
      if (error instanceof CustomersNotFoundError) return null;
      throw error;
    }
  }

  /** Reserves (idempotent per order id) and flips pending -> placed; exactly one caller per order gets `placed`. */
  private async reserveAndPlace(id: string, input: NewOrder): Promise<PlacedOrder> {
    let placedHere: boolean;
    try {
      const lines = await this.deps.catalog.reserveStock(id, input.lines);
      placedHere = await this.orders.markPlaced(id, lines);
    } catch (error) {
      await this.giveUp(id);
      throw error;
    }
    if (placedHere) return { order: await this.orders.get(id), replayed: false };
    const settled = await this.orders.findById(id);
    if (settled && (settled.status === 'placed' || settled.status === 'cancelled')) {
      return { order: settled.order, replayed: true };
    }
    throw new OrdersPlacementAbandonedError(id);
  }

  /**
   * Claims the order as abandoned first (so no concurrent request can still place it), then gives the stock
   * back and removes it. Best effort: whatever fails here (database or catalog down) the sweeper completes.
   */
  private async giveUp(id: string) {
    try {
      if (!(await this.orders.abandon(id))) return;
      await this.deps.catalog.releaseStock(id);
      await this.orders.deleteAbandoned(id);
    } catch {}
  }

  /** The order holding `key`; waits while one that failed is being cleaned up (abandoned) so the key frees. */
  private async orderHoldingKey(key: string): Promise<StoredOrder | undefined> {
    for (let waited = 0; waited < SETTLE_WAIT_MS; waited += SETTLE_POLL_MS) {
      const existing = await this.orders.findByIdempotencyKey(key);
      if (existing?.status !== 'abandoned') return existing;
      await sleep(SETTLE_POLL_MS);
    }
    throw new OrdersIdempotencyKeyInProgressError(
      `The order for Idempotency-Key ${key} failed and is still being cleaned up; retry with the same key shortly.`,
    );
  }

  /** Cancels a placed order and gives its stock back. Release first: it is idempotent, so a retry is safe. */
  async cancel(caller: Caller, id: string): Promise<Order> {
    const order = await this.get(caller, id);
    if (order.status === 'cancelled') throw alreadyCancelled(id);
    await this.deps.catalog.releaseStock(id);
    if (!(await this.orders.markCancelled(id))) throw alreadyCancelled(id);
    return this.orders.get(id);
  }
}

// The order is not named: the key may be another caller's.
function keyReused() {
  return new OrdersIdempotencyKeyReusedError(
    'This Idempotency-Key was used for a different request; use a new key.',
  );
}

function notCaller() {
  return new OrdersCustomerNotCallerError(
    "customerId must be your own customer record's id (GET /customers/me), or be left out.",
  );
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
function hashRequest(input: NewOrder & { customerId: string }): string {
  const canonical = JSON.stringify({
    customerId: input.customerId.toLowerCase(),
    lines: input.lines.map((line) => [line.productId.toLowerCase(), line.quantity]),
  });
  return createHash('sha256').update(canonical).digest('hex');
}
