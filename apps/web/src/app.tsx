import { lazy, Suspense, useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { createRequester } from './api/client.ts';
import { ApiProblem } from './api/problem.ts';
import { createShopApi, type ShopApi } from './api/shop-api.ts';
import type { Customer, Product } from './api/types.ts';
import type { Session } from './auth/session.ts';
import type { SignIn } from './auth/sign-in.ts';
import { cartItemCount, cartReducer, parseStoredCart } from './cart/cart.ts';
import { ErrorBoundary } from './components/error-boundary.tsx';
import { Loading, ProblemMessage } from './components/problem-message.tsx';
import { readStorage, toProblem, useHashRoute, useResource, writeStorage } from './hooks.ts';
import { AccountPage } from './pages/account-page.tsx';
import { CartPage } from './pages/cart-page.tsx';
import { OrdersPage } from './pages/orders-page.tsx';
import { ProductPage } from './pages/product-page.tsx';
import { ProductsPage } from './pages/products-page.tsx';
import type { Route } from './route.ts';

const CART_KEY = 'shoestring.cart';

/** Only an admin's browser downloads the editor (see ADR 0052). */
const CatalogEditor = lazy(() => import('./admin/catalog-editor.tsx'));

interface AppProps {
  /** The API; by default the site's own, sending the signed-in user's access token. */
  api?: (accessToken: () => string | null, onTokenRefused: () => void) => ShopApi;
  /** Sign-in with the runtime config's provider; null when the site has no `/config.json`. */
  signIn?: SignIn | null;
  /** Who is signed in as the page loads (the callback's fresh sign-in, or the stored user). */
  initialSession?: Session | null;
  /** Why the provider's callback could not sign the user in, shown until the next attempt. */
  initialSignInProblem?: unknown;
}

export function App({
  api: makeApi,
  signIn = null,
  initialSession = null,
  initialSignInProblem = null,
}: AppProps) {
  const [session, setSession] = useState<Session | null>(initialSession);
  const token = useRef<string | null>(initialSession?.accessToken ?? null);
  token.current = session?.accessToken ?? null;
  const api = useMemo(() => {
    const accessToken = () => token.current;
    // An expired or revoked token: the user is signed out here and told to sign in again.
    const onTokenRefused = () => {
      token.current = null;
      setSession(null);
      setSignInProblem(SIGN_IN_EXPIRED);
    };
    return makeApi
      ? makeApi(accessToken, onTokenRefused)
      : createShopApi(createRequester(undefined, undefined, accessToken, onTokenRefused));
  }, [makeApi]);
  const route = useHashRoute();
  const [cart, dispatch] = useReducer(cartReducer, undefined, () => parseStoredCart(readStorage(CART_KEY)));
  const [signInProblem, setSignInProblem] = useState<unknown>(initialSignInProblem);
  const [profile, reloadProfile] = useResource(
    (signal) => (session ? myCustomer(api, signal) : Promise.resolve(null)),
    [api, session],
  );
  const customer = profile.status === 'ready' ? profile.data : null;

  useEffect(() => writeStorage(CART_KEY, JSON.stringify(cart)), [cart]);
  useEffect(() => {
    if (!initialSession) signIn?.current().then(setSession, setSignInProblem);
  }, [signIn, initialSession]);
  const startSignIn = () => {
    setSignInProblem(null);
    signIn?.start(window.location.hash || '#/').catch(setSignInProblem);
  };
  const signOut = () => {
    setSession(null);
    signIn?.end().catch(setSignInProblem);
  };
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
          {session?.isAdmin && (
            <a href="#/admin" aria-current={isCurrent(route, 'admin')}>
              Catalog editor
            </a>
          )}
          <a href="#/account" aria-current={isCurrent(route, 'account')}>
            {session ? (customer?.name ?? session.username) : 'Sign in'}
          </a>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {signInProblem !== null && <ProblemMessage problem={signInFailed(signInProblem)} />}
        {!signIn && route.page === 'account' && (
          <p className="empty">This site has no sign-in configured (no /config.json).</p>
        )}
        <ErrorBoundary resetKey={route}>
          {route.page === 'products' && (
            <ProductsPage api={api} q={route.q} offset={route.offset} onAdd={addToCart} />
          )}
          {route.page === 'product' && <ProductPage api={api} id={route.id} onAdd={addToCart} />}
          {route.page === 'cart' && (
            <CartPage api={api} cart={cart} dispatch={dispatch} customer={customer} />
          )}
          {route.page === 'orders' && <OrdersPage api={api} customer={customer} />}
          {route.page === 'account' &&
            (profile.status === 'loading' ? (
              <Loading what="your account" />
            ) : (
              <AccountPage
                api={api}
                session={session}
                customer={customer}
                onSignIn={startSignIn}
                onSignOut={signOut}
                onSaved={reloadProfile}
              />
            ))}
          {route.page === 'admin' &&
            (session?.isAdmin ? (
              <Suspense fallback={<Loading what="the catalog editor" />}>
                <CatalogEditor api={api} />
              </Suspense>
            ) : (
              <p className="empty">The catalog editor is for signed-in admins.</p>
            ))}
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

/** The signed-in shopper's record; 404 means they have not created it yet. */
async function myCustomer(api: ShopApi, signal: AbortSignal): Promise<Customer | null> {
  try {
    return await api.getMyCustomer(signal);
  } catch (error) {
    if (error instanceof ApiProblem && error.problem.status === 404) return null;
    throw error;
  }
}

const SIGN_IN_EXPIRED = new ApiProblem({
  title: 'Your sign-in has expired',
  status: 401,
  detail: 'Sign in again to continue.',
});

function signInFailed(error: unknown) {
  return error === SIGN_IN_EXPIRED
    ? SIGN_IN_EXPIRED.problem
    : { ...toProblem(error), title: 'Signing in did not work' };
}

function isCurrent(route: Route, page: Route['page']): 'page' | undefined {
  return route.page === page ? 'page' : undefined;
}
