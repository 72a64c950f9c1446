import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { createRequester } from './api/client.ts';
import { createShopApi, type ShopApi } from './api/shop-api.ts';
import type { Customer, Product } from './api/types.ts';
import { cartItemCount, cartReducer, parseStoredCart } from './cart/cart.ts';
import { ErrorBoundary } from './components/error-boundary.tsx';
import { readStorage, useHashRoute, writeStorage } from './hooks.ts';
import { AccountPage } from './pages/account-page.tsx';
import { CartPage } from './pages/cart-page.tsx';
import { OrdersPage } from './pages/orders-page.tsx';
import { ProductPage } from './pages/product-page.tsx';
import { ProductsPage } from './pages/products-page.tsx';
import type { Route } from './route.ts';

const CART_KEY = 'shoestring.cart';
const CUSTOMER_KEY = 'shoestring.customer';

function readStoredCustomer(): Customer | null {
  try {
    const value = JSON.parse(readStorage(CUSTOMER_KEY) ?? 'null') as Customer | null;
    return value && typeof value.id === 'string' && typeof value.name === 'string' ? value : null;
  } catch {
    return null;
  }
}

export function App({ api: givenApi }: { api?: ShopApi }) {
  const api = useMemo(() => givenApi ?? createShopApi(createRequester()), [givenApi]);
  const route = useHashRoute();
  const [cart, dispatch] = useReducer(cartReducer, undefined, () => parseStoredCart(readStorage(CART_KEY)));
  const [customer, setCustomer] = useState<Customer | null>(readStoredCustomer);

  useEffect(() => writeStorage(CART_KEY, JSON.stringify(cart)), [cart]);
  useEffect(() => writeStorage(CUSTOMER_KEY, customer ? JSON.stringify(customer) : null), [customer]);
  // Moving to another screen puts keyboard and screen-reader focus at its start (not on first load,
  // where the skip link should stay first).
  const firstRoute = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose whenever the route changes.
  useEffect(() => {
    if (firstRoute.current) firstRoute.current = false;
    else document.getElementById('main')?.focus();
  }, [route]);

  const addToCart = useCallback(
    (product: Product, quantity: number) => dispatch({ type: 'add', product, quantity }),
    [],
  );
  const count = cartItemCount(cart);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <a className="brand" href="#/products">
          Shoestring Shop
        </a>
        <nav aria-label="Main">
          <a href="#/products" aria-current={isCurrent(route, 'products')}>
            Products
          </a>
          <a href="#/cart" aria-current={isCurrent(route, 'cart')}>
            Cart ({count})
          </a>
          <a href="#/orders" aria-current={isCurrent(route, 'orders')}>
            Orders
          </a>
          <a href="#/account" aria-current={isCurrent(route, 'account')}>
            {customer ? customer.name : 'Sign up / choose customer'}
          </a>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        <ErrorBoundary resetKey={route}>
          {route.page === 'products' && (
            <ProductsPage api={api} q={route.q} offset={route.offset} onAdd={addToCart} />
          )}
          {route.page === 'product' && <ProductPage api={api} id={route.id} onAdd={addToCart} />}
          {route.page === 'cart' && (
            <CartPage api={api} cart={cart} dispatch={dispatch} customer={customer} />
          )}
          {route.page === 'orders' && <OrdersPage api={api} customer={customer} />}
          {route.page === 'account' && <AccountPage api={api} customer={customer} onChoose={setCustomer} />}
          {route.page === 'not-found' && (
            <section>
              <h1>Page not found</h1>
              <p>
                There is no page at “{route.path}”. <a href="#/products">Go to the products</a>.
              </p>
            </section>
          )}
        </ErrorBoundary>
      </main>
    </>
  );
}

function isCurrent(route: Route, page: Route['page']): 'page' | undefined {
  return route.page === page ? 'page' : undefined;
}
