import { PG_UNIQUE_VIOLATION, type Pool, pgErrorCode } from '../../platform/db.ts';
import type { PageResult } from '../../platform/schemas.ts';
import { CustomersEmailTakenError, CustomersNotFoundError } from './customers.errors.ts';
import type { Customer, CustomerQuery, NewCustomer } from './customers.schemas.ts';

interface CustomerRow {
  id: string;
  email: string;
  name: string;
  created_at: Date;
}

const COLUMNS = 'id, email, name, created_at';

function toCustomer(row: CustomerRow): Customer {
  return { id: row.id, email: row.email, name: row.name, createdAt: row.created_at.toISOString() };
}

/** All SQL on customers.customers lives here. */
export class CustomersRepository {
  constructor(private readonly pool: Pool) {}

  async get(id: string): Promise<Customer> {
    const result = await this.pool.query<CustomerRow>(
      `SELECT ${COLUMNS} FROM customers.customers WHERE id = $1`,
      [id],
    );
    if (!result.rows[0]) throw new CustomersNotFoundError(`Customer ${id} does not exist.`);
    return toCustomer(result.rows[0]);
  }

  /** The record of the user with this token subject. */
  async getBySubject(subject: string): Promise<Customer> {
    const result = await this.pool.query<CustomerRow>(
      `SELECT ${COLUMNS} FROM customers.customers WHERE subject = $1`,
      [subject],
    );
    if (!result.rows[0])
      throw new CustomersNotFoundError('You have no customer record yet: create it with PUT /customers/me.');
    return toCustomer(result.rows[0]);
  }

  async list(query: CustomerQuery): Promise<PageResult<Customer>> {
    const [page, count] = await Promise.all([
      this.pool.query<CustomerRow>(
        `SELECT ${COLUMNS} FROM customers.customers ORDER BY created_at, id LIMIT $1 OFFSET $2`,
        [query.limit, query.offset],
      ),
      this.pool.query<{ total: string }>('SELECT count(*) AS total FROM customers.customers'),
    ]);
    return { items: page.rows.map(toCustomer), total: Number(count.rows[0]?.total ?? 0), ...query };
  }

  /** Creates the subject's record, or updates it; `created` tells which. */
  async putBySubject(
    subject: string,
    customer: NewCustomer,
  ): Promise<{ customer: Customer; created: boolean }> {
    try {
      const result = await this.pool.query<CustomerRow & { created: boolean }>(
        `INSERT INTO customers.customers (subject, email, name) VALUES ($1, $2, $3)
         ON CONFLICT (subject) DO UPDATE SET email = excluded.email, name = excluded.name
         RETURNING ${COLUMNS}, (xmax = 0) AS created`,
        [subject, customer.email, customer.name],
      );
      const row = result.rows[0]!;
      return { customer: toCustomer(row), created: row.created };
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) {
        throw new CustomersEmailTakenError(`A customer with email ${customer.email} already exists.`);
      }
      throw error;
    }
  }
}
