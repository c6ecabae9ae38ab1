import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { type Transferable, Worker } from 'node:worker_threads';

/** The worker roles of the embedded backend (worker-main.ts runs the one named in workerData). */
export type WorkerRole = 'append' | 'projector' | 'read';

export interface OrdersWorkerData<T = unknown> {
  ordersWorker: WorkerRole;
  options: T;
}

let script: string | undefined;

/**
 * The script every worker thread runs. The service's bundle registers itself (apps/orders-service/src/
 * entry.ts: one file, main.js, which runs the service on the main thread and worker-main.ts in a worker),
 * so copying main.js alone still works. Unregistered — code run from the TypeScript sources, as under
 * vitest — the worker entry is bundled once per process with esbuild (as bench/build.mjs does) into
 * node_modules/.cache/orders-workers/, where its packages resolve from node_modules.
 */
export function useWorkerScript(file: string): void {
  script = file;
}

/**
 * Young-generation caps per role (MB). V8's default lets each thread's nursery grow to tens of MB under a
 * high allocation rate, memory the process keeps; these workers allocate little per event and short-lived.
 * The projector's 4 (was 8), measured 2026-12-06: peak RSS of the bench's phases 1 + 7 on 88k orders 249–251
 * → 242–247 MB, for 0.53 → 0.555 ms of projector CPU per registration at 600 req/s (more scavenges).
 * The old generation gets the process's --max-old-space-size (no resourceLimits of its own): a worker that
 * ran out of it would die and be restarted.
 */
const YOUNG_GENERATION_MB: Record<WorkerRole, number> = { append: 4, projector: 4, read: 8 };

/**
 * The OS name each role's thread gives itself (worker-main.ts; Linux keeps 15 characters), so that `top -H`,
 * `ps -L`, `perf` and the bench's CPU per thread show which role a thread is; also the Worker's `name` (the
 * inspector's thread list). The request thread keeps the process's name (`node`), and so do V8's and libuv's
 * helper threads.
 */
export const THREAD_NAMES: Record<WorkerRole, string> = { append: 'orders-append', projector: 'orders-proj', read: 'orders-read' };

let youngGenerationFlagReleased = false;

/**
 * `--max-semi-space-size` (start:prod sizes the request thread's young generation with it) is a
 * process-wide V8 flag, and V8 lets it override a worker's `resourceLimits` when it configures the worker's
 * heap: every worker would get the request thread's nursery instead of its role's cap. The main thread's heap
 * is configured once, at start-up, so clearing the flag before the first worker starts leaves the request
 * thread's size as set and gives each worker its cap (checked by launch.spec.ts; V8 reads the flag only when
 * it creates an isolate's heap).
 */
function releaseYoungGenerationFlag(): void {
  if (youngGenerationFlagReleased) return;
  youngGenerationFlagReleased = true;
  setFlagsFromString('--max-semi-space-size=0');
}

/** Starts a worker thread in `role` with `options` (structured-cloned; what `transferList` names is moved). */
export function startWorker<T>(role: WorkerRole, options: T, transferList?: readonly Transferable[]): Worker {
  const data: OrdersWorkerData<T> = { ordersWorker: role, options };
  releaseYoungGenerationFlag();
  return new Worker(workerScript(), {
    workerData: data,
    ...(transferList ? { transferList: [...transferList] } : {}),
    name: THREAD_NAMES[role],
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB[role] },
  });
}

function workerScript(): string {
  script ??= bundleFromSources();
  return script;
}

/** the repository's root, when this module runs from the TypeScript sources */
const SOURCE_ROOT = resolve(__dirname, '../../../..');

/** How code run from the TypeScript sources is bundled for a thread or process of its own (packages stay in node_modules). */
export const SOURCE_BUNDLE = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  tsconfig: join(SOURCE_ROOT, 'tsconfig.json'),
  logLevel: 'warning',
} as const;

function bundleFromSources(): string {
  const entry = join(__dirname, 'worker-entry.ts');
  if (!existsSync(entry)) {
    throw new Error('no worker script registered (useWorkerScript) and no TypeScript sources to bundle one from: set EMBEDDED_THREADS=off');
  }
  const outfile = join(SOURCE_ROOT, 'node_modules', '.cache', 'orders-workers', `worker-${process.pid}.js`);
  mkdirSync(join(outfile, '..'), { recursive: true });
  // esbuild comes with vite (a dev dependency): only code run from the sources gets here
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  esbuild.buildSync({ ...SOURCE_BUNDLE, entryPoints: [entry], outfile });
  process.once('exit', () => rmSync(outfile, { force: true }));
  return outfile;
}
