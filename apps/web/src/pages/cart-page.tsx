import { type Dispatch, useEffect, useRef, useState } from 'react';
import type { ShopApi } from '../api/shop-api.ts';
import type { Customer, Order, Problem } from '../api/types.ts';
import { type Cart, type CartAction, cartTotalCents, nameProductsInDetail } from '../cart/cart.ts';
import { ProblemMessage } from '../components/problem-message.tsx';
import { QuantityInput } from '../components/quantity-input.tsx';
import { formatCents } from '../format.ts';
import { toProblem } from '../hooks.ts';
import { newIdempotencyKey } from '../idempotency-key.ts';

interface CartPageProps {
  api: ShopApi;
  cart: Cart;
  dispatch: Dispatch<CartAction>;
  customer: Customer | null;
}

type Checkout = { status: 'idle' } | { status: 'placing' } | { status: 'failed'; problem: Problem };

export function CartPage({ api, cart, dispatch, customer }: CartPageProps) {
  const [checkout, setCheckout] = useState<Checkout>({ status: 'idle' });
  const [placed, setPlaced] = useState<Order | null>(null);
  // One key per cart content: a double click or a retry after a timeout cannot place the order twice.
  const idempotencyKey = useRef<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a changed cart is a new order and needs a new key.
  useEffect(() => {
    idempotencyKey.current = null;
    setCheckout((current) => (current.status === 'failed' ? { status: 'idle' } : current));
  }, [cart, customer]);

  const placeOrder = async () => {
    if (!customer || checkout.status === 'placing') return;
    idempotencyKey.current ??= newIdempotencyKey();
    setCheckout({ status: 'placing' });
    try {
      const lines = cart.lines.map(({ productId, quantity }) => ({ productId, quantity }));
      const order = await api.placeOrder({ lines }, idempotencyKey.current);
      setPlaced(order);
      setCheckout({ status: 'idle' });
      dispatch({ type: 'clear' });
    } catch (error) {
      const problem = toProblem(error);
      setCheckout({
        status: 'failed',
        problem: { ...problem, detail: nameProductsInDetail(problem.detail, cart) },
      });
    }
  };

  return (
    <section aria-labelledby="cart-heading">
      <h1 id="cart-heading">Cart</h1>
      {placed && (
        <p className="success" role="status">
          Order placed: {formatCents(placed.totalCents)}. <a href="#/orders">See your orders</a>.
        </p>
      )}
      {cart.lines.length === 0 ? (
        !placed && (
          <p className="empty">
            Your cart is empty. <a href="#/products">Browse products</a>.
          </p>
        )
      ) : (
        <>
          <CartLines cart={cart} dispatch={dispatch} />
          <p className="total">
            Total <strong>{formatCents(cartTotalCents(cart))}</strong>
          </p>
          {checkout.status === 'failed' && <ProblemMessage problem={checkout.problem} />}
          {customer ? (
            <button
              type="button"
              className="primary"
              onClick={placeOrder}
              disabled={checkout.status === 'placing'}
            >
              {checkout.status === 'placing' ? 'Placing order…' : `Place order as ${customer.name}`}
            </button>
          ) : (
            <p>
              <a href="#/account">Sign in and add your details</a> to place the order.
            </p>
          )}
        </>
      )}
    </section>
  );
}

function CartLines({ cart, dispatch }: { cart: Cart; dispatch: Dispatch<CartAction> }) {
  return (
    <table className="cart">
      <caption className="visually-hidden">Products in your cart</caption>
      <thead>
        <tr>
          <th scope="col">Product</th>
          <th scope="col">Price</th>
          <th scope="col">Quantity</th>
          <th scope="col">Subtotal</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {cart.lines.map((line) => (
          <tr key={line.productId}>
            <th scope="row">{line.name}</th>
            <td data-label="Price">{formatCents(line.unitPriceCents)}</td>
            <td>
              <QuantityInput
                label={`Quantity of ${line.name}`}
                value={line.quantity}
                onChange={(quantity) =>
                  dispatch({ type: 'setQuantity', productId: line.productId, quantity })
                }
              />
            </td>
            <td data-label="Subtotal">{formatCents(line.unitPriceCents * line.quantity)}</td>
            <td>
              <button type="button" onClick={() => dispatch({ type: 'remove', productId: line.productId })}>
                Remove<span className="visually-hidden"> {line.name}</span>
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
