import { AppError, type ErrorFactory } from '../../platform/errors.ts';

export class CustomersNotFoundError extends AppError {
  constructor(detail: string) {
    super('CUSTOMERS_NOT_FOUND', 404, detail, 'Customer not found');
  }
}

export class CustomersEmailTakenError extends AppError {
  constructor(detail: string) {
    super('CUSTOMERS_EMAIL_TAKEN', 409, detail, 'Email already registered');
  }
}

/** Lets a remote client turn the customers module's problem+json back into these errors. */
export const customersErrors: Record<string, ErrorFactory> = {
  CUSTOMERS_NOT_FOUND: (detail) => new CustomersNotFoundError(detail),
  CUSTOMERS_EMAIL_TAKEN: (detail) => new CustomersEmailTakenError(detail),
};
