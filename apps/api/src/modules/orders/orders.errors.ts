import { AppError } from '../../platform/errors.ts';

export class OrdersNotFoundError extends AppError {
  constructor(detail: string) {
    super('ORDERS_NOT_FOUND', 404, detail, 'Order not found');
  }
}

export class OrdersAlreadyCancelledError extends AppError {
  constructor(detail: string) {
    super('ORDERS_ALREADY_CANCELLED', 409, detail, 'Order already cancelled');
  }
}

export class OrdersIdempotencyKeyReusedError extends AppError {
  constructor(detail: string) {
    super('ORDERS_IDEMPOTENCY_KEY_REUSED', 422, detail, 'Idempotency-Key reused with a different request');
  }
}
