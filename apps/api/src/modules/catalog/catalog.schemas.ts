import { type Static, Type } from 'typebox';
import { PageQuery, Uuid } from '../../platform/schemas.ts';

const Sku = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
  description: 'letters, digits, . _ -; 1-64 chars',
});
const Name = Type.String({ minLength: 1, maxLength: 200 });
const PriceCents = Type.Integer({ minimum: 0, maximum: 100_000_000 });
const Stock = Type.Integer({ minimum: 0, maximum: 1_000_000 });

export const Product = Type.Object(
  {
    id: Uuid,
    sku: Type.String(),
    name: Type.String(),
    priceCents: Type.Integer(),
    stock: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Product' },
);
export type Product = Static<typeof Product>;

export const NewProduct = Type.Object(
  { sku: Sku, name: Name, priceCents: PriceCents, stock: Stock },
  { additionalProperties: false },
);
export type NewProduct = Static<typeof NewProduct>;

export const ProductChanges = Type.Object(
  { name: Type.Optional(Name), priceCents: Type.Optional(PriceCents) },
  { additionalProperties: false, minProperties: 1 },
);
export type ProductChanges = Static<typeof ProductChanges>;

export const StockAdjustment = Type.Object(
  { delta: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 }) },
  { additionalProperties: false },
);

export const ProductQuery = Type.Object(
  {
    ...PageQuery,
    q: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'name or SKU contains (case-insensitive)' }),
    ),
    inStock: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ProductQuery = Static<typeof ProductQuery>;

export const StockRequestLine = Type.Object({
  productId: Uuid,
  quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
});
export type StockRequestLine = Static<typeof StockRequestLine>;

export const ReservedLine = Type.Object({
  productId: Uuid,
  sku: Type.String(),
  name: Type.String(),
  quantity: Type.Integer(),
  unitPriceCents: Type.Integer(),
});
export type ReservedLine = Static<typeof ReservedLine>;

export const Reservation = Type.Object({ lines: Type.Array(ReservedLine) });
export const ReservationRequest = Type.Object(
  { lines: Type.Array(StockRequestLine, { minItems: 1, maxItems: 50 }) },
  { additionalProperties: false },
);
