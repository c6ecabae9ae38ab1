import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteSavedSegmentStore } from './queries/segmentation-saved';
import { writeWhenUnlocked } from './write-lock';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

function twoConnections(): [Database.Database, Database.Database] {
  const dir = mkdtempSync(join(tmpdir(), 'write-lock-'));
  const file = join(dir, 'file.sqlite');
  const ours = new Database(file);
  ours.pragma('journal_mode = WAL');
  ours.pragma('busy_timeout = 5000');
  const other = new Database(file);
  cleanups.push(
    () => rmSync(dir, { recursive: true, force: true }),
    () => ours.close(),
    () => other.close(),
  );
  return [ours, other];
}

describe('writeWhenUnlocked', () => {
  it('gives up with SQLITE_BUSY after maxWaitMs, having written nothing, and keeps the connection busy_timeout', async () => {
    const [ours, other] = twoConnections();
    ours.exec('CREATE TABLE t (n INTEGER)');
    other.exec('BEGIN IMMEDIATE');
    await expect(writeWhenUnlocked(ours, () => ours.prepare('INSERT INTO t VALUES (1)').run(), 60)).rejects.toMatchObject({
      code: 'SQLITE_BUSY',
    });
    other.exec('ROLLBACK');
    expect(ours.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 0 });
    expect(ours.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('lets a saved-segment write wait for a rebuild batch without blocking the event loop', async () => {
    const [ours, other] = twoConnections();
    const saved = new SqliteSavedSegmentStore(ours);
    other.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    cleanups.push(() => clearInterval(timer));
    const saving = saved.save({ segmentId: 's-1', name: 'n', filter: {}, createdAt: 't', updatedAt: 't' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ticks).toBeGreaterThan(5);
    other.exec('COMMIT');
    await saving;
    expect((await saved.get('s-1'))?.name).toBe('n');
  });
});
