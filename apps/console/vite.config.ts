import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { svgDataUrlsToFiles } from './svg-data-urls';

/**
 * The order-view console (issue 17): Preact through esbuild's automatic JSX runtime (no Preact plugin),
 * built into dist/console and served by the service under /console/. Only the pure parts of the libraries
 * (`@orders/domain/order`, `@orders/segmentation/segment-fields`) are imported as values.
 */
const root = resolve(__dirname, '../..');
const base = '/console/';

export default defineConfig({
  root: __dirname,
  base,
  plugins: [svgDataUrlsToFiles(base)],
  publicDir: false,
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  resolve: {
    alias: {
      '@orders/domain': resolve(root, 'libs/domain/src'),
      '@orders/segmentation': resolve(root, 'libs/segmentation/src'),
    },
  },
  build: {
    outDir: resolve(root, 'dist/console'),
    emptyOutDir: true,
    // no inline assets: a strict CSP (default-src 'self') would block data: URLs in img-src/font-src
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
    reportCompressedSize: false,
  },
  server: { proxy: { '/api': process.env.ORDERS_URL ?? 'http://127.0.0.1:3000' } },
});
