import { defineError } from '../../platform/errors.ts';

export const OrdersNotFoundError = defineError(
  'OrdersNotFoundError',
  'ORDERS_NOT_FOUND',
  404,
  'Order not found',
);
export const OrdersAlreadyCancelledError = defineError(
  'OrdersAlreadyCancelledError',
  'ORDERS_ALREADY_CANCELLED',
  409,
  'Order already cancelled',
);
export const OrdersIdempotencyKeyReusedError = defineError(
  'OrdersIdempotencyKeyReusedError',
  'ORDERS_IDEMPOTENCY_KEY_REUSED',
  422,
  'Idempotency-Key reused with a different request',
);
export const OrdersIdempotencyKeyInProgressError = defineError(
  'OrdersIdempotencyKeyInProgressError',
  'ORDERS_IDEMPOTENCY_KEY_IN_PROGRESS',
  409,
  'A request with this Idempotency-Key is still in progress',
);
export const OrdersCustomerNotCallerError = defineError(
  'OrdersCustomerNotCallerError',
  'ORDERS_CUSTOMER_NOT_CALLER',
  403,
  "Orders are placed and listed for the caller's own customer record",
);
