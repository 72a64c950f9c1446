import type { AddressInfo } from 'node:net';
import { API_PREFIX } from '@shoestring/contract';
import { type Plugin, type PreviewServer, preview } from 'vite';

/**
 * A handful of products so Lighthouse measures the product list as a shopper sees it. Lighthouse scores the
 * static site (size, rendering, markup), not the API, so a fixed answer keeps the scores repeatable.
 */
const now = '2026-01-01T00:00:00.000Z';
const PRODUCTS = ['Trail boot', 'Wool sock', 'Canvas sneaker', 'Rain jacket', 'Leather belt', 'Sun hat'].map(
  (name, i) => ({
    id: `00000000-0000-4000-8000-00000000000${i + 1}`,
    sku: `DEMO-${i + 1}`,
    name,
    priceCents: 1_500 + i * 1_150,
    stock: i === 3 ? 0 : 4 + i,
    createdAt: now,
    updatedAt: now,
  }),
);

function stubApi(): Plugin {
  return {
    name: 'shoestring:lighthouse-stub-api',
    configurePreviewServer(server) {
      server.middlewares.use(API_PREFIX, (req, res) => {
        const path = new URL(req.url ?? '/', 'http://stub').pathname;
        const body =
          path === '/catalog/products'
            ? { items: PRODUCTS, total: PRODUCTS.length, limit: 20, offset: 0 }
            : {
                title: 'Not found',
                status: 404,
                detail: `The Lighthouse stub only answers the product list.`,
              };
        res.statusCode = 'items' in body ? 200 : 404;
        res.setHeader('content-type', 'items' in body ? 'application/json' : 'application/problem+json');
        res.end(JSON.stringify(body));
      });
    },
  };
}

/** Serves apps/web/dist (the production build) with `vite preview` on a free loopback port. */
export async function previewWithStubApi(webRoot: string): Promise<{ url: string; server: PreviewServer }> {
  const server = await preview({
    root: webRoot,
    configFile: false,
    logLevel: 'warn',
    plugins: [stubApi()],
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const address = server.httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${address.port}/`, server };
}
