import type { Pool } from '../../platform/db.ts';
import { createRemoteClient, type RemoteFacadeOptions } from '../../platform/remote-client.ts';
import { customersErrors } from './customers.errors.ts';
import { CustomersRepository } from './customers.repository.ts';
import type { Customer } from './customers.schemas.ts';

/** What other modules may ask of the customers module, in this process or another. */
export interface CustomersFacade {
  /** The record of the signed-in user with this token subject. @throws CustomersNotFoundError */
  getCustomerBySubject(subject: string): Promise<Customer>;
}

export function createCustomersFacade(pool: Pool): CustomersFacade {
  const customers = new CustomersRepository(pool);
  return { getCustomerBySubject: (subject) => customers.getBySubject(subject) };
}

export function createRemoteCustomersFacade(
  baseUrl: string,
  options: RemoteFacadeOptions = {},
): CustomersFacade {
  const call = createRemoteClient({ ...options, baseUrl, module: 'customers', errors: customersErrors });
  return {
    getCustomerBySubject: (subject) =>
      call<Customer>({
        method: 'GET',
        path: `/internal/customers/by-subject/${encodeURIComponent(subject)}`,
        idempotent: true,
      }),
  };
}
