import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** the bundles made from .ts entries in this process, by entry file */
const bundled = new Map<string, string>();

/**
 * Starts a worker thread on the entry `<name>.js` in `dir` (from dist: webpack builds it next to main.js),
 * or, when only `<name>.ts` is there (vitest, ts sources), on a bundle of it made once per process with
 * esbuild (a dev dependency, loaded only then) into dist/.workers/ (so that its npm imports resolve from the
 * project's node_modules), @orders/* aliases resolved.
 */
export function startWorker(dir: string, name: string, options: WorkerOptions): Worker {
  const js = join(dir, `${name}.js`);
  if (existsSync(js)) return new Worker(js, options);
  const ts = join(dir, `${name}.ts`);
  if (!existsSync(ts)) throw new Error(`worker entry ${name} not found in ${dir} (build the service: npm run build)`);
  return new Worker(bundle(ts), options);
}

function bundle(entry: string): string {
  const done = bundled.get(entry);
  if (done) return done;
  const root = projectRoot(dirname(entry));
  const outDir = join(root, 'dist', '.workers');
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, `${process.pid}-${bundled.size}-${Math.round(statSync(entry).mtimeMs)}.js`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- dev-only, never reached from dist
  const { buildSync } = require('esbuild') as typeof import('esbuild');
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
  bundled.set(entry, outfile);
  process.once('exit', () => rmSync(outfile, { force: true }));
  return outfile;
}

function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'tsconfig.json')) && existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no tsconfig.json above ${from}`);
  }
}
