import { createHash, randomUUID } from 'node:crypto';
import { PG_UNIQUE_VIOLATION, type Pool, pgConstraint, pgErrorCode } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { CatalogFacade } from '../catalog/index.ts';
import type { CustomersFacade } from '../customers/index.ts';
import { OrdersAlreadyCancelledError, OrdersIdempotencyKeyReusedError } from './orders.errors.ts';
import { OrdersRepository, type StoredOrder } from './orders.repository.ts';
import type { NewOrder, Order } from './orders.schemas.ts';

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
   * Checks the customer, reserves all lines' stock (all or nothing) under the new order's id, then records the
   * order. If recording fails the reservation is released, so a failed order never holds stock.
   */
  async place(input: NewOrder, idempotencyKey?: string): Promise<PlacedOrder> {
    const requestHash = idempotencyKey === undefined ? undefined : hashRequest(input);
    if (idempotencyKey !== undefined) {
      const existing = await this.orders.findByIdempotencyKey(idempotencyKey);
      if (existing) return replay(existing, requestHash!);
    }
    rejectDuplicateProducts(input);
    await this.deps.customers.getCustomer(input.customerId);

    const id = randomUUID();
    const lines = await this.deps.catalog.reserveStock(id, input.lines);
    try {
      const order = await this.orders.insert({
        id,
        customerId: input.customerId,
        lines,
        idempotencyKey,
        requestHash,
      });
      return { order, replayed: false };
    } catch (error) {
      await this.deps.catalog.releaseStock(id);
      // Two requests with one key raced past the lookup; the loser answers with the winner's order.
      if (
        pgErrorCode(error) === PG_UNIQUE_VIOLATION &&
        pgConstraint(error) === 'orders_idempotency_key_key'
      ) {
        const winner = await this.orders.findByIdempotencyKey(idempotencyKey!);
        if (winner) return replay(winner, requestHash!);
      }
      throw error;
    }
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
