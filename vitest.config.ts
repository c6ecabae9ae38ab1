import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const root = __dirname;

export default defineConfig({
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    alias: {
      '@orders/domain': resolve(root, 'libs/domain/src'),
      '@orders/application': resolve(root, 'libs/application/src'),
      '@orders/event-store': resolve(root, 'libs/event-store/src'),
      '@orders/read-models': resolve(root, 'libs/read-models/src'),
      '@orders/api-keys': resolve(root, 'libs/api-keys/src'),
      '@orders/automations': resolve(root, 'libs/automations/src'),
      '@orders/backend': resolve(root, 'libs/backend/src'),
      '@orders/segmentation': resolve(root, 'libs/segmentation/src'),
      '@orders/demo-data': resolve(root, 'libs/demo-data/src'),
      '@orders/personal-data': resolve(root, 'libs/personal-data/src'),
    },
  },
  test: {
    include: ['apps/**/*.spec.ts', 'libs/**/*.spec.ts', 'test/**/*.spec.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
