/** Hash-based navigation: the site is static files on S3, so every screen must load from index.html. */
export type Route =
  | { page: 'products'; q: string; offset: number }
  | { page: 'product'; id: string }
  | { page: 'cart' }
  | { page: 'orders' }
  | { page: 'account' }
  | { page: 'admin' }
  | { page: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const [rawPath = '', rawQuery = ''] = hash.replace(/^#/, '').split('?');
  const path = rawPath.replace(/\/+$/, '') || '/';
  const query = new URLSearchParams(rawQuery);
  if (path === '/' || path === '/products') {
    const offset = Number.parseInt(query.get('offset') ?? '0', 10);
    return {
      page: 'products',
      q: query.get('q') ?? '',
      offset: Number.isNaN(offset) || offset < 0 ? 0 : offset,
    };
  }
  const product = /^\/products\/([^/]+)$/.exec(path);
  if (product?.[1]) return { page: 'product', id: decodeURIComponent(product[1]) };
  if (path === '/cart') return { page: 'cart' };
  if (path === '/orders') return { page: 'orders' };
  if (path === '/account') return { page: 'account' };
  if (path === '/admin') return { page: 'admin' };
  return { page: 'not-found', path };
}

export function productsHref(q: string, offset: number): string {
  const query = new URLSearchParams();
  if (q) query.set('q', q);
  if (offset > 0) query.set('offset', String(offset));
  const text = query.toString();
  return text ? `#/products?${text}` : '#/products';
}

export function productHref(id: string): string {
  return `#/products/${encodeURIComponent(id)}`;
}
