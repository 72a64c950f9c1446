/**
 * The customers module's only public surface. Owns the PostgreSQL schema `customers` (changelog: ./changelog/).
 */
import type { FastifyInstance } from 'fastify';
import type { Pool } from '../../platform/db.ts';
import { customersRoutes } from './customers.routes.ts';
import { Customer } from './customers.schemas.ts';

export { CustomersEmailTakenError, CustomersNotFoundError } from './customers.errors.ts';
export {
  type CustomersFacade,
  createCustomersFacade,
  createRemoteCustomersFacade,
} from './customers.facade.ts';
export type { Customer } from './customers.schemas.ts';

/** Registers the customers module's routes and shared schemas. */
export async function customersModule(app: FastifyInstance, options: { pool: Pool }) {
  app.addSchema(Customer);
  await app.register(customersRoutes, options);
}
