// Bundles the benchmark (TypeScript, @orders/* path aliases resolved from tsconfig.json) into
// dist-bench/ with esbuild (installed with vite); npm packages stay external and load from node_modules.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  absWorkingDir: root,
  entryPoints: {
    main: 'bench/main.ts',
    'ceiling-server': 'bench/ceiling/ceiling-server.ts',
    'segmentation-bench': 'bench/segmentation-bench.ts',
    'long-history-bench': 'bench/long-history-bench.ts',
    'read-model-io-bench': 'bench/read-model-io-bench.ts',
  },
  outdir: 'dist-bench',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  tsconfig: 'tsconfig.json',
  sourcemap: true,
  logLevel: 'warning',
});
