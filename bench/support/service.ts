import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type HttpChild, startHttpChild } from './child-process';
import { BENCH_API_KEY } from './load';

export const ROOT = join(__dirname, '..');
export const BENCH_OUT = join(ROOT, 'dist-bench');
const BUILT_MAIN = join(ROOT, 'dist/apps/orders-service/main.js');

/**
 * Builds the service (unless `build` is false) and snapshots dist/apps/orders-service/main.js into
 * dist-bench/service/, so that a rebuild by someone else during the run cannot swap the binary
 * between phases. The bundle keeps its packages external: they load from ./node_modules.
 */
export function prepareServiceBinary(build: boolean): string {
  if (build) {
    const nest = join(ROOT, 'node_modules/@nestjs/cli/bin/nest.js');
    const result = spawnSync(process.execPath, [nest, 'build', 'orders-service'], { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error('`nest build orders-service` failed; fix the build or run with --no-build');
  }
  if (!existsSync(BUILT_MAIN)) throw new Error(`${BUILT_MAIN} is missing: run \`npm run build\` (or drop --no-build)`);
  const dir = join(BENCH_OUT, 'service');
  mkdirSync(dir, { recursive: true });
  const snapshot = join(dir, 'main.js');
  copyFileSync(BUILT_MAIN, snapshot);
  return snapshot;
}

export const newTempDir = (name: string): string => mkdtempSync(join(tmpdir(), `orders-bench-${name}-`));

/**
 * Starts the orders service on 127.0.0.1 (free port) with its own DATA_DIR, a fixed admin API key and
 * the per-key rate limit off, so the load is neither rejected nor throttled once auth lands. LOG_LEVEL is
 * `warn` (no per-request line) unless `env` says otherwise; the profile runs at the default `log`.
 */
/**
 * The Node flags the service runs with: those of `npm run start:prod` (package.json; the Dockerfile uses
 * the same), so the bench measures what production runs, then BENCH_NODE_ARGS (space-separated, for
 * experiments such as `BENCH_NODE_ARGS=--max-semi-space-size=8`).
 */
export function serviceNodeArgs(): string[] {
  const production = startProdTokens().filter((token) => token.startsWith('--'));
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(/\s+/).filter((token) => token !== '');
  return [...production, ...extra];
}

/** The environment `npm run start:prod` sets before `node` (e.g. MALLOC_ARENA_MAX=2), so the bench runs with it too. */
export function serviceEnv(): Record<string, string> {
  const assignments = startProdTokens().filter((token) => /^[A-Z_][A-Z0-9_]*=/.test(token));
  return Object.fromEntries(assignments.map((token) => [token.slice(0, token.indexOf('=')), token.slice(token.indexOf('=') + 1)]));
}

function startProdTokens(): string[] {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  return (scripts['start:prod'] ?? '').split(/\s+/);
}

export function startOrdersService(
  binary: string,
  dataDir: string,
  nodeArgs: string[] = [],
  env: Record<string, string> = {},
): Promise<HttpChild> {
  return startHttpChild(binary, {
    cwd: ROOT,
    nodeArgs: [...serviceNodeArgs(), ...nodeArgs],
    env: {
      ...serviceEnv(),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ADMIN_API_KEY: BENCH_API_KEY,
      RATE_LIMIT_PER_SECOND: '0',
      NODE_ENV: 'production',
      ...env,
    },
  });
}

export function startCeilingServer(): Promise<HttpChild> {
  return startHttpChild(join(BENCH_OUT, 'ceiling-server.js'), { cwd: ROOT });
}
