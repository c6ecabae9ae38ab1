import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { TestLog, testOrder } from '../testing/read-model-log';
import { SqliteReadModels } from './sqlite-read-models';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('SqliteReadModels.applyBatch while another connection holds the write lock', () => {
  it('waits off the event loop (requests go on being served) and applies the batch once the lock is free', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read-models-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'read-models.sqlite');
    const store = SqliteReadModels.open(file);
    cleanups.push(() => store.close());
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
