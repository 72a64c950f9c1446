/**
 * The orders module's only public surface. Owns the PostgreSQL schema `orders` (changelog: ./changelog/).
 * Reaches customers and catalog only through their facades, in-process or remote.
 */
import type { FastifyInstance } from 'fastify';
import { ordersRoutes } from './orders.routes.ts';
import { Order } from './orders.schemas.ts';
import { type OrdersDependencies, OrdersService } from './orders.service.ts';

export {
  OrdersAlreadyCancelledError,
  OrdersIdempotencyKeyInProgressError,
  OrdersIdempotencyKeyReusedError,
  OrdersNotFoundError,
} from './orders.errors.ts';
export type { Order } from './orders.schemas.ts';
export type { OrdersDependencies } from './orders.service.ts';

/** What other code may ask of the orders module. */
export interface OrdersFacade {
  /** @throws OrdersNotFoundError */
  getOrder(id: string): Promise<Order>;
  /**
   * Releases the stock of orders whose placing request died mid-way (pending longer than `olderThanMs`) and
   * removes them; returns how many. Runs every 30 s inside each process that serves orders.
   */
  sweepAbandoned(olderThanMs?: number): Promise<number>;
}

export function createOrdersFacade(deps: OrdersDependencies): OrdersFacade {
  const service = new OrdersService(deps);
  return {
    getOrder: (id) => service.orders.get(id),
    sweepAbandoned: (olderThanMs) => service.sweepAbandoned(olderThanMs),
  };
}

const SWEEP_EVERY_MS = 30_000;

/** Registers the orders module's routes and shared schemas, and sweeps abandoned orders while the app runs. */
export async function ordersModule(app: FastifyInstance, deps: OrdersDependencies) {
  const service = new OrdersService(deps);
  app.addSchema(Order);
  await app.register(ordersRoutes, { service });

  const sweep = () =>
    service.sweepAbandoned().then(
      (count) => count > 0 && app.log.warn({ count }, 'released the stock of abandoned orders'),
      (error) => app.log.warn({ err: error }, 'sweeping abandoned orders failed; will retry'),
    );
  const timer = setInterval(sweep, SWEEP_EVERY_MS).unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
