import type { Pool } from '../../platform/db.ts';
import { createRemoteClient } from '../../platform/remote-client.ts';
import { customersErrors } from './customers.errors.ts';
import { CustomersRepository } from './customers.repository.ts';
import type { Customer } from './customers.schemas.ts';

/** What other modules may ask of the customers module, in this process or another. */
export interface CustomersFacade {
  /** @throws CustomersNotFoundError */
  getCustomer(id: string): Promise<Customer>;
}

export function createCustomersFacade(pool: Pool): CustomersFacade {
  const customers = new CustomersRepository(pool);
  return { getCustomer: (id) => customers.get(id) };
}

export function createRemoteCustomersFacade(baseUrl: string, timeoutMs?: number): CustomersFacade {
  const call = createRemoteClient({
    baseUrl,
    module: 'customers',
    errors: customersErrors,
    ...(timeoutMs ? { timeoutMs } : {}),
  });
  return {
    getCustomer: (id) =>
      call<Customer>({ method: 'GET', path: `/customers/${encodeURIComponent(id)}`, idempotent: true }),
  };
}
