import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type Client, client, TEST_ADMIN_API_KEY } from './http';

const ROOT = resolve(__dirname, '../..');
/** the built service bundle (npm run build; npm test builds it first) */
export const MAIN = join(ROOT, 'dist/apps/orders-service/main.js');

export interface ServiceHandle {
  url: string;
  dataDir: string;
  child: ChildProcess;
  /** stdout and stderr as received, interleaved */
  output: () => string;
  /** stdout alone: JSON log lines */
  stdout: () => string;
  /** stderr alone: what the service tells a person (the listening URL, a one-time admin key, a failed start) */
  stderr: () => string;
  /** SIGTERM and wait for exit: the exit code (0 after a clean shutdown), or the signal's name if it killed the process */
  stop(): Promise<number | string | null>;
  /** SIGKILL and wait for exit */
  kill(): Promise<void>;
}

export const newDataDir = (): string => mkdtempSync(join(tmpdir(), 'orders-e2e-'));
export const removeDataDir = (dir: string): void => rmSync(dir, { recursive: true, force: true });

/** exit code, or the signal's name when the process ended by a signal */
const exited = (child: ChildProcess): Promise<number | string | null> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode ?? child.signalCode)
    : new Promise((done) => child.once('exit', (code, signal) => done(code ?? signal)));

/**
 * Starts the built service (dist/) as a child process on a free port of 127.0.0.1. By default it seeds
 * the admin key TEST_ADMIN_API_KEY (which client() sends) and runs without a rate limit; override with
 * env (ADMIN_API_KEY: '' starts without a seeded key, RATE_LIMIT_PER_SECOND: 'n' sets a limit).
 */
export async function startService(options: { dataDir?: string; env?: Record<string, string> } = {}): Promise<ServiceHandle> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` before the end-to-end tests (npm test does)`);
  const dataDir = options.dataDir ?? newDataDir();
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ADMIN_API_KEY: TEST_ADMIN_API_KEY,
      RATE_LIMIT_PER_SECOND: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => ((output += chunk.toString()), (stdout += chunk.toString())));
  child.stderr!.on('data', (chunk: Buffer) => ((output += chunk.toString()), (stderr += chunk.toString())));
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`service did not start within 20 s:\n${output}`)), 20_000);
    // the plain-text line on stderr (main.ts)
    const onData = () => {
      const match = /listening on (http:\/\/[\d.]+:\d+)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        done(match[1]!);
      }
    };
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`service exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    child,
    output: () => output,
    stdout: () => stdout,
    stderr: () => stderr,
    async stop() {
      child.kill('SIGTERM');
      return exited(child);
    },
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}

/**
 * One service for the whole test file: started before the first test, stopped (and its data removed)
 * after the last. Read `ctx.service` / `ctx.api` inside tests.
 */
export function useService(options: Parameters<typeof startService>[0] = {}): { service: ServiceHandle; api: Client } {
  const ctx = {} as { service: ServiceHandle; api: Client };
  beforeAll(async () => {
    ctx.service = await startService(options);
    ctx.api = client(ctx.service.url);
  });
  afterAll(async () => {
    if (!ctx.service) return;
    await ctx.service.stop();
    removeDataDir(ctx.service.dataDir);
  });
  return ctx;
}
