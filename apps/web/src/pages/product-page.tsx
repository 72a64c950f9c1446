import type { ShopApi } from '../api/shop-api.ts';
import type { Product } from '../api/types.ts';
import { AddToCart } from '../components/add-to-cart.tsx';
import { Loading, ProblemMessage } from '../components/problem-message.tsx';
import { formatCents, formatDateTime, stockLabel } from '../format.ts';
import { useResource } from '../hooks.ts';

interface ProductPageProps {
  api: ShopApi;
  id: string;
  onAdd: (product: Product, quantity: number) => void;
}

export function ProductPage({ api, id, onAdd }: ProductPageProps) {
  const [product, reload] = useResource((signal) => api.getProduct(id, signal), [api, id]);
  return (
    <section aria-labelledby="product-heading">
      <p>
        <a href="#/products">← All products</a>
      </p>
      {product.status === 'loading' && <Loading what="the product" />}
      {product.status === 'error' && (
        <>
          <h1 id="product-heading">Product</h1>
          <ProblemMessage
            problem={product.problem}
            onRetry={product.problem.status === 404 ? undefined : reload}
          />
        </>
      )}
      {product.status === 'ready' && (
        <article className="detail">
          <h1 id="product-heading">{product.data.name}</h1>
          <dl>
            <dt>SKU</dt>
            <dd>{product.data.sku}</dd>
            <dt>Price</dt>
            <dd>{formatCents(product.data.priceCents)}</dd>
            <dt>Stock</dt>
            <dd>{stockLabel(product.data.stock)}</dd>
            <dt>Listed</dt>
            <dd>{formatDateTime(product.data.createdAt)}</dd>
          </dl>
          <AddToCart product={product.data} onAdd={onAdd} />
        </article>
      )}
    </section>
  );
}
