import { describe, expect, it } from 'vitest';
import {
  type Cart,
  cartItemCount,
  cartReducer,
  cartTotalCents,
  emptyCart,
  MAX_CART_LINES,
  MAX_QUANTITY,
  nameProductsInDetail,
  parseStoredCart,
} from '../../src/cart/cart.ts';

const shoe = { id: 'p1', sku: 'SHOE-1', name: 'Shoe', priceCents: 1999 };
const lace = { id: 'p2', sku: 'LACE-1', name: 'Lace', priceCents: 250 };

describe('cartReducer', () => {
  it('adds a product as a line with the price the shopper saw', () => {
    const cart = cartReducer(emptyCart, { type: 'add', product: shoe, quantity: 2 });
    expect(cart.lines).toEqual([
      { productId: 'p1', sku: 'SHOE-1', name: 'Shoe', unitPriceCents: 1999, quantity: 2 },
    ]);
  });

  it('adding the same product again raises its quantity instead of adding a line', () => {
    let cart = cartReducer(emptyCart, { type: 'add', product: shoe, quantity: 2 });
    cart = cartReducer(cart, { type: 'add', product: shoe, quantity: 3 });
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]?.quantity).toBe(5);
  });

  it('keeps quantities whole and between 1 and the maximum', () => {
    let cart = cartReducer(emptyCart, { type: 'add', product: shoe, quantity: 0 });
    expect(cart.lines[0]?.quantity).toBe(1);
    cart = cartReducer(cart, { type: 'setQuantity', productId: 'p1', quantity: 2.7 });
    expect(cart.lines[0]?.quantity).toBe(2);
    cart = cartReducer(cart, { type: 'setQuantity', productId: 'p1', quantity: 1e9 });
    expect(cart.lines[0]?.quantity).toBe(MAX_QUANTITY);
    cart = cartReducer(cart, { type: 'setQuantity', productId: 'p1', quantity: Number.NaN });
    expect(cart.lines[0]?.quantity).toBe(1);
  });

  it('removes one line and clears all', () => {
    let cart = cartReducer(emptyCart, { type: 'add', product: shoe, quantity: 1 });
    cart = cartReducer(cart, { type: 'add', product: lace, quantity: 4 });
    cart = cartReducer(cart, { type: 'remove', productId: 'p1' });
    expect(cart.lines.map((l) => l.productId)).toEqual(['p2']);
    expect(cartReducer(cart, { type: 'clear' })).toEqual(emptyCart);
  });

  it('refuses a line beyond the 50 the API accepts', () => {
    let cart: Cart = emptyCart;
    for (let i = 0; i < MAX_CART_LINES + 1; i++) {
      cart = cartReducer(cart, { type: 'add', product: { ...shoe, id: `p${i}` }, quantity: 1 });
    }
    expect(cart.lines).toHaveLength(MAX_CART_LINES);
  });

  it('totals money in cents and counts items', () => {
    let cart = cartReducer(emptyCart, { type: 'add', product: shoe, quantity: 2 });
    cart = cartReducer(cart, { type: 'add', product: lace, quantity: 3 });
    expect(cartTotalCents(cart)).toBe(2 * 1999 + 3 * 250);
    expect(cartItemCount(cart)).toBe(5);
  });
});

describe('parseStoredCart', () => {
  it('restores a saved cart', () => {
    const saved = cartReducer(emptyCart, { type: 'add', product: shoe, quantity: 2 });
    expect(parseStoredCart(JSON.stringify(saved))).toEqual(saved);
  });

  it('drops malformed lines and malformed JSON instead of breaking the page', () => {
    const text = JSON.stringify({
      lines: [
        { productId: 'p1', sku: 'S', name: 'Shoe', unitPriceCents: 100, quantity: 1 },
        { productId: 'p2', name: 'No sku', unitPriceCents: 100, quantity: 1 },
        { productId: 'p3', sku: 'S3', name: 'Zero', unitPriceCents: 100, quantity: 0 },
        null,
      ],
    });
    expect(parseStoredCart(text).lines.map((l) => l.productId)).toEqual(['p1']);
    expect(parseStoredCart('{not json')).toEqual(emptyCart);
    expect(parseStoredCart(null)).toEqual(emptyCart);
    expect(parseStoredCart('{"lines":"nope"}')).toEqual(emptyCart);
  });
});

describe('nameProductsInDetail', () => {
  it('replaces the ids of products in the cart with their names', () => {
    const cart = cartReducer(emptyCart, { type: 'add', product: shoe, quantity: 5 });
    expect(nameProductsInDetail('Product p1 has 2 in stock; 5 requested.', cart)).toBe(
      'Product “Shoe” has 2 in stock; 5 requested.',
    );
    expect(nameProductsInDetail('Product p9 was not found.', cart)).toBe('Product p9 was not found.');
    expect(nameProductsInDetail(undefined, cart)).toBeUndefined();
  });
});
