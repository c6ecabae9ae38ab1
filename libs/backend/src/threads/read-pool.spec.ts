import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { getPriority } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QueryBudgetExceededError, ReadPool, type ReadPoolOptions } from '@orders/read-models';
import { startWorker } from './launch';

/** Never ends by itself; calls seg_lower (JavaScript) on every row, where a terminated worker stops. */
const ENDLESS = {
  kind: 'all',
  sql: 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c WHERE seg_lower(x) = ?',
  params: ['never'],
} as const;
/** Never ends by itself and never calls into JavaScript: only terminating its worker stops it. */
const ENDLESS_WITHOUT_JS = {
  kind: 'all',
  sql: 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c WHERE x = ?',
  params: [-1],
} as const;
const FAST = { kind: 'all', sql: 'SELECT seg_lower(name) AS name FROM t ORDER BY id', params: [] } as const;

describe('ReadPool', () => {
  let dir: string;
  let file: string;
  const pools: ReadPool[] = [];
  const pool = (options: Partial<ReadPoolOptions> = {}, onStart?: () => void): ReadPool => {
    const created = new ReadPool({ file, size: 2, budgetMs: 20_000, slotsPerKey: 1, ...options }, (data) => {
      onStart?.();
      return startWorker('read', data);
    });
    pools.push(created);
    return created;
  };
  /** settles to what the promise did, so a test can ask whether it has settled yet */
  const track = <T>(promise: Promise<T>) => {
    const state: { settled: boolean; value?: T; error?: unknown } = { settled: false };
    promise.then(
      (value) => Object.assign(state, { settled: true, value }),
      (error: unknown) => Object.assign(state, { settled: true, error }),
    );
    return state;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'read-pool-'));
    file = join(dir, 'read.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('ÄBC'), ('Def')");
    db.close();
  });
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((created) => created.close()));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs a statement on a worker, with seg_lower registered, and keeps SQLite error codes', async () => {
    const reads = pool();
    expect(await reads.run('a', FAST)).toEqual([{ name: 'äbc' }, { name: 'def' }]);
    await expect(reads.run('a', { kind: 'all', sql: 'SELECT nope FROM t', params: [] })).rejects.toMatchObject({ code: 'SQLITE_ERROR' });
  });

  it('opens the file read-only', async () => {
    await expect(pool().run('a', { kind: 'all', sql: "INSERT INTO t (name) VALUES ('x') RETURNING id", params: [] })).rejects.toMatchObject(
      {
        code: 'SQLITE_READONLY',
      },
    );
  });

  it('stops a read that exceeds its budget in its worker, which then serves the next read (no new thread)', async () => {
    let started = 0;
    const reads = pool({ size: 1, budgetMs: 300 }, () => started++);
    const error = await reads.run('a', ENDLESS).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(QueryBudgetExceededError);
    expect(error).toMatchObject({ budgetMs: 300, stage: 'running' });
    // the statement has stopped: the slot is free again well before a terminated worker's replacement could be
    expect(await reads.run('a', FAST)).toHaveLength(2);
    expect(started).toBe(1);
    expect(reads.load()).toEqual({ busy: 0, queued: 0 });
  });

  it('terminates a worker whose statement does not stop by itself (no seg_lower call) and serves the next read with a fresh one', async () => {
    let started = 0;
    const reads = pool({ size: 1, budgetMs: 300 }, () => started++);
    const error = await reads.run('a', ENDLESS_WITHOUT_JS).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ name: 'QueryBudgetExceededError', budgetMs: 300, stage: 'running' });
    // the slot stays taken (and counted against its caller) until the worker is gone
    expect(reads.load()).toEqual({ busy: 1, queued: 0 });
    expect(await reads.run('a', FAST, 20_000)).toHaveLength(2);
    expect(started).toBe(2);
  });

  it('answers a read that waited its whole budget for a slot without running it', async () => {
    const reads = pool({ size: 1, budgetMs: 1000 });
    const endless = reads.run('a', ENDLESS).catch((thrown: unknown) => thrown);
    const waiting = await reads.run('b', FAST, 200).catch((thrown: unknown) => thrown);
    expect(waiting).toMatchObject({ name: 'QueryBudgetExceededError', budgetMs: 200, stage: 'queued' });
    expect(reads.load()).toEqual({ busy: 1, queued: 0 });
    expect(await endless).toMatchObject({ name: 'QueryBudgetExceededError', budgetMs: 1000, stage: 'running' });
  });

  it('answers another read while a long one runs: the long one delays only itself', async () => {
    const reads = pool();
    const long = track(reads.run('a', ENDLESS));
    expect(await reads.run('b', FAST)).toHaveLength(2);
    expect(long.settled).toBe(false);
    await reads.close();
    await expect.poll(() => long.settled).toBe(true);
    expect(long.error).toBeInstanceOf(Error);
  });

  it('lets one key hold at most slotsPerKey slots: another key is served while its second read waits', async () => {
    const reads = pool({ size: 2, slotsPerKey: 1 });
    const first = track(reads.run('greedy', ENDLESS));
    const second = track(reads.run('greedy', ENDLESS));
    expect(await reads.run('other', FAST)).toHaveLength(2);
    expect(reads.load()).toEqual({ busy: 1, queued: 1 });
    expect([first.settled, second.settled]).toEqual([false, false]);
  });

  it('without that limit one key takes the whole pool and another key waits', async () => {
    const reads = pool({ size: 2, slotsPerKey: 2, budgetMs: 2000 });
    const greedy = [reads.run('greedy', ENDLESS).catch(() => 'stopped'), reads.run('greedy', ENDLESS).catch(() => 'stopped')];
    expect(reads.load()).toEqual({ busy: 2, queued: 0 });
    const other = await reads.run('other', FAST, 300).catch((thrown: unknown) => thrown);
    expect(other).toMatchObject({ stage: 'queued' });
    expect(await Promise.all(greedy)).toEqual(['stopped', 'stopped']);
  });

  it.skipIf(!existsSync('/proc/thread-self'))(
    'runs its workers at a lower priority than the request thread (Linux: nice + 10; skipped without /proc)',
    async () => {
      const reads = pool({ size: 2 });
      await Promise.all([reads.run('a', FAST), reads.run('b', FAST)]);
      // field 19 of /proc/<pid>/task/<tid>/stat is the nice value (after the command name in parentheses)
      const nices = readdirSync(`/proc/${process.pid}/task`).map((tid) => {
        const stat = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
      });
      const lowered = Math.min(19, getPriority() + 10);
      expect(nices.filter((nice) => nice === lowered).length).toBeGreaterThanOrEqual(2);
      expect(nices).toContain(getPriority());
    },
  );

  it('answers each read with the error when its worker cannot start, and starts a worker per read, not in a loop', async () => {
    let started = 0;
    const reads = new ReadPool({ file: join(dir, 'missing.sqlite'), size: 1, budgetMs: 20_000, slotsPerKey: 1 }, (workerData) => {
      started += 1;
      return startWorker('read', workerData);
    });
    pools.push(reads);
    for (let read = 0; read < 2; read++) {
      await expect(reads.run('a', FAST)).rejects.toMatchObject({ message: 'read worker failed: SQLITE_CANTOPEN', code: 'SQLITE_CANTOPEN' });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(started).toBeLessThanOrEqual(3);
  });
});
