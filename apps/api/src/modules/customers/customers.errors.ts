import { defineError, errorFactories } from '../../platform/errors.ts';

export const CustomersNotFoundError = defineError(
  'CustomersNotFoundError',
  'CUSTOMERS_NOT_FOUND',
  404,
  'Customer not found',
);
export const CustomersEmailTakenError = defineError(
  'CustomersEmailTakenError',
  'CUSTOMERS_EMAIL_TAKEN',
  409,
  'Email already registered',
);

/** Lets a remote client turn the customers module's problem+json back into these errors. */
export const customersErrors = errorFactories([CustomersNotFoundError, CustomersEmailTakenError]);
