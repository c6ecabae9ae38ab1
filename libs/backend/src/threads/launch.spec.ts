import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SOURCE_BUNDLE } from './launch';

const dir = mkdtempSync(join(tmpdir(), 'launch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A program that registers itself as the worker script, fills its young generation on the main thread,
 * starts an 'append' worker through startWorker() that does the same, and prints both new-space sizes (MB).
 */
const PROGRAM = `
import { getHeapSpaceStatistics } from 'node:v8';
import { isMainThread, parentPort } from 'node:worker_threads';
import { startWorker, useWorkerScript } from './launch';

function newSpaceMbAfterChurn(): number {
  let kept: object[] = [];
  for (let i = 0; i < 2_000_000; i++) {
    kept.push({ i, text: 'x' + i });
    if (kept.length > 20_000) kept = [];
  }
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')!.space_size / 1048576;
}

if (isMainThread) {
  useWorkerScript(__filename);
  const main = newSpaceMbAfterChurn();
  const worker = startWorker('append', {});
  worker.once('message', (append: number) => {
    console.log(JSON.stringify({ main, append }));
    void worker.terminate();
  });
} else {
  parentPort!.postMessage(newSpaceMbAfterChurn());
}
`;

function newSpaces(nodeArgs: string[]): { main: number; append: number } {
  // esbuild comes with vite (a dev dependency), as in launch.ts's bundleFromSources
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const outfile = join(dir, 'program.js');
  esbuild.buildSync({
    ...SOURCE_BUNDLE,
    stdin: { contents: PROGRAM, resolveDir: __dirname, loader: 'ts', sourcefile: 'program.ts' },
    outfile,
  });
  const output = execFileSync(process.execPath, [...nodeArgs, outfile], { encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(output.trim().split('\n').at(-1)!) as { main: number; append: number };
}

describe('startWorker', () => {
  it("gives a worker its role's young generation although --max-semi-space-size sizes the main thread's", () => {
    const { main, append } = newSpaces(['--max-semi-space-size=16']);
    expect(main).toBe(32); // two semi-spaces of 16 MB: the flag still holds for the main thread
    expect(append).toBeLessThanOrEqual(4); // the append role's cap, not the flag's 32 MB
  });
});
