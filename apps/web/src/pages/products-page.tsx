import { type FormEvent, useState } from 'react';
import type { ShopApi } from '../api/shop-api.ts';
import type { Product } from '../api/types.ts';
import { AddToCart } from '../components/add-to-cart.tsx';
import { Loading, ProblemMessage } from '../components/problem-message.tsx';
import { formatCents, stockLabel } from '../format.ts';
import { useResource } from '../hooks.ts';
import { productHref, productsHref } from '../route.ts';

const PAGE_SIZE = 20;

interface ProductsPageProps {
  api: ShopApi;
  q: string;
  offset: number;
  onAdd: (product: Product, quantity: number) => void;
}

export function ProductsPage({ api, q, offset, onAdd }: ProductsPageProps) {
  const [products, reload] = useResource(
    (signal) => api.listProducts({ q, offset, limit: PAGE_SIZE }, signal),
    [api, q, offset],
  );
  return (
    <section aria-labelledby="products-heading">
      <h1 id="products-heading">Products</h1>
      <SearchForm key={q} q={q} />
      {products.status === 'loading' && <Loading what="products" />}
      {products.status === 'error' && <ProblemMessage problem={products.problem} onRetry={reload} />}
      {products.status === 'ready' && products.data.items.length === 0 && (
        <p className="empty">{q ? `No products match “${q}”.` : 'No products yet.'}</p>
      )}
      {products.status === 'ready' && products.data.items.length > 0 && (
        <>
          <ul className="product-grid">
            {products.data.items.map((product) => (
              <li key={product.id} className="card" aria-label={product.name}>
                <h2>
                  <a href={productHref(product.id)}>{product.name}</a>
                </h2>
                <p className="sku">SKU {product.sku}</p>
                <p className="price">{formatCents(product.priceCents)}</p>
                <p className={product.stock > 0 ? 'stock' : 'stock out'}>{stockLabel(product.stock)}</p>
                <AddToCart product={product} onAdd={onAdd} />
              </li>
            ))}
          </ul>
          <Pager q={q} offset={offset} total={products.data.total} />
        </>
      )}
    </section>
  );
}

function SearchForm({ q }: { q: string }) {
  const [text, setText] = useState(q);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    window.location.hash = productsHref(text.trim(), 0);
  };
  return (
    <search>
      <form className="search" onSubmit={submit}>
        <label htmlFor="product-search">Search by name or SKU</label>
        <input id="product-search" type="search" value={text} onChange={(e) => setText(e.target.value)} />
        <button type="submit">Search</button>
      </form>
    </search>
  );
}

function Pager({ q, offset, total }: { q: string; offset: number; total: number }) {
  if (total <= PAGE_SIZE) return null;
  const last = Math.min(offset + PAGE_SIZE, total);
  return (
    <nav className="pager" aria-label="Product pages">
      {offset > 0 && <a href={productsHref(q, Math.max(0, offset - PAGE_SIZE))}>Previous</a>}
      <span>
        {offset + 1}–{last} of {total}
      </span>
      {last < total && <a href={productsHref(q, offset + PAGE_SIZE)}>Next</a>}
    </nav>
  );
}
