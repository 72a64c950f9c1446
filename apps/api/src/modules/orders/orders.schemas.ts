import { type Static, Type } from 'typebox';
import { PageQuery, Uuid } from '../../platform/schemas.ts';

export const OrderLine = Type.Object({
  productId: Uuid,
  sku: Type.String(),
  name: Type.String(),
  quantity: Type.Integer(),
  unitPriceCents: Type.Integer(),
});

export const Order = Type.Object(
  {
    id: Uuid,
    customerId: Uuid,
    status: Type.Union([Type.Literal('placed'), Type.Literal('cancelled')]),
    lines: Type.Array(OrderLine),
    totalCents: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    cancelledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'Order' },
);
export type Order = Static<typeof Order>;

export const NewOrder = Type.Object(
  {
    customerId: Type.Optional(
      Type.String({
        format: 'uuid',
        description:
          "The caller's own customer id (GET /customers/me); may be left out, anything else is 403",
      }),
    ),
    lines: Type.Array(
      Type.Object(
        { productId: Uuid, quantity: Type.Integer({ minimum: 1, maximum: 10_000 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
  },
  { additionalProperties: false },
);
export type NewOrder = Static<typeof NewOrder>;

export const PlaceOrderHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'Repeat a POST safely: same key, same order' }),
  ),
});

export const OrderQuery = Type.Object(
  { ...PageQuery, customerId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export type OrderQuery = Static<typeof OrderQuery>;
