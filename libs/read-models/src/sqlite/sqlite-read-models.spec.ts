import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { TestLog, testOrder } from '../testing/read-model-log';
import { READ_MODEL_CHECKPOINT_PAGES, SqliteReadModels } from './sqlite-read-models';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** a read store in a file of its own, removed after the test */
function openInTempDir(): { file: string; store: SqliteReadModels } {
  const dir = mkdtempSync(join(tmpdir(), 'read-models-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'read-models.sqlite');
  const store = SqliteReadModels.open(file);
  cleanups.push(() => store.close());
  return { file, store };
}

describe('SqliteReadModels.applyBatch while another connection holds the write lock', () => {
  it('waits off the event loop (requests go on being served) and applies the batch once the lock is free', async () => {
    const { file, store } = openInTempDir();
    const other = new Database(file); // a rebuild's batch, say
    cleanups.push(() => void other.close());
    const log = new TestLog();
    const event = log.registered(testOrder(log.orderId('A'), 'c-1'));

    other.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    cleanups.push(() => clearInterval(timer));
    let applied = false;
    const applying = store.applyBatch([event], log.head()).then(() => void (applied = true));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(ticks).toBeGreaterThan(5);
    expect(applied).toBe(false);
    expect(await store.checkpoint()).toBe(0);

    other.exec('COMMIT');
    await applying;
    expect(await store.checkpoint()).toBe(log.head());
    expect((await store.getOrder(log.orderId('A')))?.contactId).toBe('c-1');
  });
});

describe('SqliteReadModels checkpoints', () => {
  it('copies its WAL back into the file every READ_MODEL_CHECKPOINT_PAGES pages, so the WAL stays about that long', async () => {
    const { file, store } = openInTempDir();
    const log = new TestLog();
    // 8,000 orders in batches of 20, as the projector writes them: many times the checkpoint's length in pages
    for (let batch = 0; batch < 400; batch++) {
      const events = Array.from({ length: 20 }, (_, i) => log.registered(testOrder(log.orderId(`o-${batch}-${i}`), `c-${batch}-${i}`)));
      await store.applyBatch(events, log.head());
    }
    const pageSize = Number(store.db.pragma('page_size', { simple: true }));
    const filePages = statSync(file).size / pageSize;
    const walPages = statSync(`${file}-wal`).size / (pageSize + 24); // each WAL frame: a 24-byte header and the page
    expect(filePages).toBeGreaterThan(4 * READ_MODEL_CHECKPOINT_PAGES); // the writes went well past one checkpoint…
    // …and the WAL was restarted after each: it holds at most the checkpoint's pages plus one batch's
    expect(walPages).toBeLessThan(READ_MODEL_CHECKPOINT_PAGES * 1.6);
  });
});
