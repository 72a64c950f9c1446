import { useState } from 'react';
import type { ShopApi } from '../api/shop-api.ts';
import type { Product } from '../api/types.ts';
import { Loading, ProblemMessage } from '../components/problem-message.tsx';
import { formatCents } from '../format.ts';
import { useResource, useSubmit } from '../hooks.ts';

/**
 * The admin's catalog editor: add a product, adjust stock. The app imports this module lazily and only for a
 * token in the admin group, so a shopper never downloads it; the API refuses these calls to anyone else anyway.
 */
export default function CatalogEditor({ api }: { api: ShopApi }) {
  const [added, setAdded] = useState(0);
  return (
    <section aria-labelledby="admin-heading">
      <h1 id="admin-heading">Catalog editor</h1>
      <div className="columns">
        <NewProductForm api={api} onAdded={() => setAdded((n) => n + 1)} />
        {/* A new key after each addition reloads the list, so the new product can be adjusted at once. */}
        <StockList key={added} api={api} />
      </div>
    </section>
  );
}

function NewProductForm({ api, onAdded }: { api: ShopApi; onAdded: () => void }) {
  const [sku, setSku] = useState('');
  const [name, setName] = useState('');
  const [priceCents, setPriceCents] = useState('');
  const [stock, setStock] = useState('0');
  const [created, setCreated] = useState<Product | null>(null);
  const input = { sku: sku.trim(), name: name.trim(), priceCents: Number(priceCents), stock: Number(stock) };
  const { busy, problem, submit } = useSubmit(
    () => api.createProduct(input),
    (product) => {
      setCreated(product);
      onAdded();
    },
  );
  return (
    <form className="card" onSubmit={submit}>
      <h2>Add a product</h2>
      <Field id="new-sku" label="SKU" value={sku} onChange={setSku} />
      <Field id="new-name" label="Product name" value={name} onChange={setName} />
      <Field id="new-price" label="Price in cents" value={priceCents} onChange={setPriceCents} count />
      <Field id="new-stock" label="Stock" value={stock} onChange={setStock} count />
      {problem && <ProblemMessage problem={problem} />}
      {created && (
        <p className="success" role="status">
          Added {created.name} at {formatCents(created.priceCents)}.
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? 'Adding…' : 'Add product'}
      </button>
    </form>
  );
}

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** A whole number of at least 0. */
  count?: boolean;
}

function Field({ id, label, value, onChange, count = false }: FieldProps) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        required
        {...(count ? { type: 'number', min: 0, step: 1 } : {})}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </>
  );
}

function StockList({ api }: { api: ShopApi }) {
  const [products, reload] = useResource((signal) => api.listProducts({ limit: 100 }, signal), [api]);
  if (products.status === 'loading') return <Loading what="products" />;
  if (products.status === 'error') return <ProblemMessage problem={products.problem} onRetry={reload} />;
  return (
    <div className="card">
      <h2>Adjust stock</h2>
      <ul className="stock-list">
        {products.data.items.map((product) => (
          <StockRow key={product.id} api={api} initial={product} />
        ))}
      </ul>
    </div>
  );
}

function StockRow({ api, initial }: { api: ShopApi; initial: Product }) {
  const [product, setProduct] = useState(initial);
  const [delta, setDelta] = useState('');
  const { busy, problem, submit } = useSubmit(
    () => api.adjustStock(product.id, Number(delta)),
    (updated) => {
      setProduct(updated);
      setDelta('');
    },
  );
  const id = `delta-${product.id}`;
  return (
    <li aria-label={product.name}>
      <form onSubmit={submit}>
        <label htmlFor={id}>
          Change stock of {product.name} ({product.stock} in stock)
        </label>
        <input
          id={id}
          type="number"
          step={1}
          required
          value={delta}
          onChange={(e) => setDelta(e.target.value)}
        />
        {problem && <ProblemMessage problem={problem} />}
        <button type="submit" disabled={busy}>
          Apply
        </button>
      </form>
    </li>
  );
}
