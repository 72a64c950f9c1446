import type { Product } from '../api/types.ts';

/** A cart line keeps what the shopper saw (name, price) so the cart renders without another request. */
export interface CartLine {
  productId: string;
  sku: string;
  name: string;
  unitPriceCents: number;
  quantity: number;
}

export interface Cart {
  lines: CartLine[];
}

export type CartAction =
  | { type: 'add'; product: Pick<Product, 'id' | 'sku' | 'name' | 'priceCents'>; quantity: number }
  | { type: 'setQuantity'; productId: string; quantity: number }
  | { type: 'remove'; productId: string }
  | { type: 'clear' };

/** The API accepts 1..50 lines; a quantity is a whole number of at least 1. */
export const MAX_CART_LINES = 50;
export const MAX_QUANTITY = 999;

export const emptyCart: Cart = { lines: [] };

function clampQuantity(quantity: number): number {
  if (!Number.isFinite(quantity)) return 1;
  return Math.min(MAX_QUANTITY, Math.max(1, Math.trunc(quantity)));
}

/**
 * The quantity is not capped at the stock shown: stock changes while the cart sits in a tab, so the API
 * is the judge and its "out of stock" answer is shown to the shopper.
 */
export function cartReducer(cart: Cart, action: CartAction): Cart {
  switch (action.type) {
    case 'add': {
      const existing = cart.lines.find((line) => line.productId === action.product.id);
      if (existing) {
        return cartReducer(cart, {
          type: 'setQuantity',
          productId: existing.productId,
          quantity: existing.quantity + action.quantity,
        });
      }
      if (cart.lines.length >= MAX_CART_LINES) return cart;
      const { id, sku, name, priceCents } = action.product;
      const line = {
        productId: id,
        sku,
        name,
        unitPriceCents: priceCents,
        quantity: clampQuantity(action.quantity),
      };
      return { lines: [...cart.lines, line] };
    }
    case 'setQuantity':
      return {
        lines: cart.lines.map((line) =>
          line.productId === action.productId ? { ...line, quantity: clampQuantity(action.quantity) } : line,
        ),
      };
    case 'remove':
      return { lines: cart.lines.filter((line) => line.productId !== action.productId) };
    case 'clear':
      return emptyCart;
  }
}

export function cartTotalCents(cart: Cart): number {
  return cart.lines.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);
}

export function cartItemCount(cart: Cart): number {
  return cart.lines.reduce((sum, line) => sum + line.quantity, 0);
}

/** Reads a cart saved by an older tab defensively: anything malformed becomes an empty cart. */
export function parseStoredCart(text: string | null): Cart {
  if (!text) return emptyCart;
  try {
    const value = JSON.parse(text) as { lines?: unknown };
    if (!Array.isArray(value.lines)) return emptyCart;
    const lines = value.lines.filter(
      (line): line is CartLine =>
        typeof line === 'object' &&
        line !== null &&
        typeof line.productId === 'string' &&
        typeof line.name === 'string' &&
        typeof line.sku === 'string' &&
        Number.isInteger(line.unitPriceCents) &&
        Number.isInteger(line.quantity) &&
        line.quantity >= 1,
    );
    return { lines: lines.slice(0, MAX_CART_LINES) };
  } catch {
    return emptyCart;
  }
}

/**
 * The API's problem details name products by id ("Product 8eac… has 2 in stock"); in the cart the shopper
 * knows them by name, so ids of products in the cart are replaced by their names.
 */
export function nameProductsInDetail(detail: string | undefined, cart: Cart): string | undefined {
  if (!detail) return detail;
  return cart.lines.reduce((text, line) => text.replaceAll(line.productId, `“${line.name}”`), detail);
}
