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
  OrdersIdempotencyKeyReusedError,
  OrdersNotFoundError,
} from './orders.errors.ts';
export type { Order } from './orders.schemas.ts';
export type { OrdersDependencies } from './orders.service.ts';

/** What other code may ask of the orders module. */
export interface OrdersFacade {
  /** @throws OrdersNotFoundError */
  getOrder(id: string): Promise<Order>;
}

export function createOrdersFacade(deps: OrdersDependencies): OrdersFacade {
  const service = new OrdersService(deps);
  return { getOrder: (id) => service.orders.get(id) };
}

/** Registers the orders module's routes and shared schemas. */
export async function ordersModule(app: FastifyInstance, deps: OrdersDependencies) {
  app.addSchema(Order);
  await app.register(ordersRoutes, { service: new OrdersService(deps) });
}
