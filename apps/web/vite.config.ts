import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';
import { bundleBudget, type SizeBudget } from './build/bundle-budget.ts';
import { pruneStaleAssets } from './build/prune-stale-assets.ts';

/** Chunk holding React: cached across deploys that only change the app. */
const VENDOR_CHUNK = 'vendor';
/** What goes in {@link VENDOR_CHUNK}; other packages (oidc-client-ts) stay with the lazy chunk that imports them. */
const VENDOR_PACKAGES = /\/node_modules\/(react|react-dom|scheduler)\//;

/**
 * Gzipped JavaScript budgets (docs/adr/0050-javascript-budget-app-code-and-total.md): on a visitor's first load our own
 * code at most 60 kB and everything at most 80 kB, because React 19 alone (react-dom client + scheduler) is about
 * 69 kB gzipped. Sign-in and the admin's editor load on demand (docs/adr/0052-sign-in-loaded-on-demand.md).
 */
const BUDGETS: SizeBudget[] = [
  {
    label: 'app code',
    maxGzipBytes: 60_000,
    includes: (chunk) => chunk.firstLoad && chunk.name !== VENDOR_CHUNK,
  },
  { label: 'first load', maxGzipBytes: 80_000, includes: (chunk) => chunk.firstLoad },
  { label: 'on demand', maxGzipBytes: 40_000, includes: (chunk) => !chunk.firstLoad },
];

/**
 * Source maps are off by default so the CDN never serves them. `WEB_SOURCEMAP=hidden` writes maps without the
 * `sourceMappingURL` comment (for an error tracker upload), `WEB_SOURCEMAP=true` writes public ones.
 */
function sourcemapSetting(value: string | undefined): boolean | 'hidden' {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'hidden') return 'hidden';
  if (value === 'true') return true;
  throw new Error(`WEB_SOURCEMAP="${value}" is not valid: use false (default), hidden or true.`);
}

const config = {
  plugins: [react(), bundleBudget(BUDGETS), pruneStaleAssets()],
  build: {
    outDir: 'dist',
    // Old files are removed after the new ones are written (see build/prune-stale-assets.ts).
    emptyOutDir: false,
    sourcemap: sourcemapSetting(process.env.WEB_SOURCEMAP),
    // dist/.vite/manifest.json lists every content-hashed file: `shoestring deploy-web` caches exactly those
    // for a year (and never uploads the .vite/ folder itself).
    manifest: true,
    // Vite's default names already carry a content hash; spelled out because the CDN cache policy depends on it.
    rollupOptions: {
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
        manualChunks: (id) => (VENDOR_PACKAGES.test(id) ? VENDOR_CHUNK : undefined),
      },
    },
  },
  server: {
    // `vite` alone (without `shoestring dev`) forwards /api to an API started by hand, stripping the prefix
    // exactly like the gateway does. Written out because Node loads this file without a TypeScript loader and so
    // cannot import @shoestring/contract's API_PREFIX; test/build/api-prefix.test.ts checks the two agree.
    proxy: {
      '/api': {
        target: process.env.WEB_DEV_API_URL ?? 'http://127.0.0.1:3000',
        rewrite: (path) => path.replace(/^\/api/, ''),
      },
    },
  },
} satisfies UserConfig;

export default defineConfig(({ command }) => {
  // A test runner's NODE_ENV=test leaking into `vite build` (e.g. `shoestring dev` started from a test) would
  // bundle React's development build; the site build is always the production one.
  if (command === 'build' && process.env.NODE_ENV === 'test') process.env.NODE_ENV = 'production';
  return config;
});
