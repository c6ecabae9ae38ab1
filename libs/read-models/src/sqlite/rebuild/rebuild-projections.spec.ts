import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '@orders/event-store';
import { Projector } from '../../projector/projector';
import { SQLITE_PROJECTION_PARTS } from '../parts/sqlite-parts';
import type { SqliteProjectionPart } from '../parts/sqlite-projection-part';
import { SqliteReadModels } from '../sqlite-read-models';
import { canonicalDump } from './canonical-dump';
import { projectionStatus } from '../../progress/projection-status';
import { RebuildLockedError } from '../../progress/rebuild-lock-owner';
import { RebuildLock } from './rebuild-lock';
import type { RebuildProgress } from '../../progress/rebuild-progress';
import { rebuildProjections } from './rebuild-projections';
import { writeMixedWorkload } from '../../testing/mixed-workload';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'rebuild-'));
  const eventStore = SqliteEventStore.open({ file: join(dir, 'events.sqlite'), pollIntervalMs: 10 });
  const readModelsFile = join(dir, 'read-models.sqlite');
  const live = SqliteReadModels.open(readModelsFile);
  const projector = new Projector(eventStore, live, { streamPrefixes: live.streamPrefixes });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(async () => {
    await projector.stop();
    await eventStore.close();
    await live.close();
  });
  const caughtUp = async () => {
    for (let i = 0; i < 3000; i++) {
      const [status] = await projectionStatus(eventStore, [live]);
      if (status?.caughtUp) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('live projection did not catch up');
  };
  return { dir, eventStore, readModelsFile, live, projector, caughtUp };
}

const chunks = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
const dumpOf = (readModels: SqliteReadModels) => canonicalDump(readModels.db, SQLITE_PROJECTION_PARTS);
const tables = (db: Database.Database) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);

describe('rebuildProjections', () => {
  it('after a mixed workload of 10 000 orders gives read models identical to the live ones, while the live store keeps serving', async () => {
    const { eventStore, readModelsFile, live, projector, caughtUp } = await setUp();
    const written = await writeMixedWorkload(eventStore, { orders: 10_000, seed: 7 });
    await projector.start();
    await caughtUp();
    const before = dumpOf(live);
    expect(before.order_view).toHaveLength(10_000);
    const sample = await live.getOrder('mix-1');
    const schemaBefore = tables(live.db);
    const progress: RebuildProgress[] = [];

    const result = await rebuildProjections({ eventStore, readModelsFile, batchSize: 2000, onProgress: (p) => progress.push(p) });

    expect(result.events).toBe(written);
    expect(result.position).toBe(await eventStore.headPosition());
    expect(progress.at(-1)).toMatchObject({ phase: 'swapped', position: result.position });
    expect(progress.filter((p) => p.phase === 'replaying').length).toBeGreaterThan(5);
    // the live connection's statements were prepared before the swap: SQLite re-prepares them
    expect(await live.getOrder('mix-1')).toEqual(sample);
    expect(dumpOf(live)).toEqual(before);
    expect(tables(live.db).filter((name) => name.includes('__rebuild'))).toEqual([]);
    // the query indexes, left out while replaying, are built at the swap under their live names
    expect(tables(live.db).filter((name) => !name.startsWith('projection_') && name !== 'rebuild_lock')).toEqual(
      schemaBefore.filter((name) => !name.startsWith('projection_') && name !== 'rebuild_lock'),
    );
    expect(tables(live.db)).toEqual(expect.arrayContaining(['seg_sku_terms', 'seg_orders_by_status_contact', 'order_view_by_contact']));
    // and the live projector goes on applying new events to the swapped-in tables
    await writeMixedWorkload(eventStore, { orders: 50, seed: 8, rounds: 1, prefix: 'late' });
    await caughtUp();
    expect((await live.getOrder('late-49'))?.orderId).toBe('late-49');
  }, 120_000);

  it('stays consistent while events keep arriving and the live projector runs', async () => {
    const { eventStore, readModelsFile, live, projector, caughtUp } = await setUp();
    await writeMixedWorkload(eventStore, { orders: 2000, seed: 1 });
    await projector.start();
    const writing = writeMixedWorkload(eventStore, { orders: 2000, seed: 2, concurrency: 20, prefix: 'during' });
    await rebuildProjections({ eventStore, readModelsFile, batchSize: 300 });
    await writing;
    await caughtUp();
    const reference = SqliteReadModels.open(':memory:');
    cleanups.push(() => reference.close());
    await reference.applyBatch(await eventStore.readAll(), await eventStore.headPosition());
    expect(dumpOf(live)).toEqual(dumpOf(reference));
  }, 120_000);

  it('resumes a crashed rebuild from its checkpoint and swaps only at the end', async () => {
    const { eventStore, readModelsFile, live, projector, caughtUp } = await setUp();
    await writeMixedWorkload(eventStore, { orders: 1000, seed: 3 });
    await projector.start();
    await caughtUp();
    const before = dumpOf(live);
    let batches = 0;
    await expect(
      rebuildProjections({
        eventStore,
        readModelsFile,
        batchSize: 500,
        afterBatch: () => {
          if (++batches === 3) throw new Error('crash');
        },
      }),
    ).rejects.toThrow('crash');
    expect(tables(live.db)).toContain('order_view__rebuild');
    expect(dumpOf(live)).toEqual(before);

    const resumed = await rebuildProjections({ eventStore, readModelsFile, batchSize: 500 });
    expect(resumed.resumedFrom).toBeGreaterThan(0);
    expect(dumpOf(live)).toEqual(before);
  }, 60_000);

  it('neither a rebuild batch nor the live projector fails when another connection commits while it reads (no SQLITE_BUSY_SNAPSHOT)', async () => {
    const { eventStore, readModelsFile } = await setUp();
    await writeMixedWorkload(eventStore, { orders: 50, seed: 9, rounds: 1 });
    // a first part that, in the middle of every batch transaction (after its reads, before the other
    // parts' writes), lets another connection to the same file commit — as the live projector or a CLI would
    const committedInBetween: boolean[] = [];
    const interleavingParts = (file: string): SqliteProjectionPart[] => {
      const other = new Database(file);
      other.pragma('busy_timeout = 0');
      other.exec('CREATE TABLE IF NOT EXISTS interleaved (n INTEGER)');
      cleanups.push(() => void other.close());
      const interleaving: SqliteProjectionPart = {
        name: 'interleaving',
        streamPrefixes: ['order-'],
        tables: [],
        schema: () => '',
        bind: () => ({
          apply: () => {
            try {
              other.prepare('INSERT INTO interleaved (n) VALUES (1)').run();
              committedInBetween.push(true);
            } catch {
              committedInBetween.push(false); // the batch holds the write lock from its BEGIN
            }
          },
        }),
      };
      return [interleaving, ...SQLITE_PROJECTION_PARTS];
    };
    const result = await rebuildProjections({ eventStore, readModelsFile, parts: interleavingParts(readModelsFile), batchSize: 40 });
    expect(result.position).toBe(await eventStore.headPosition());
    const projectedFile = join(dirname(readModelsFile), 'projected.sqlite');
    const projected = SqliteReadModels.open(projectedFile, interleavingParts(projectedFile));
    cleanups.push(() => projected.close());
    for (const batch of chunks(await eventStore.readAll(), 40)) await projected.applyBatch(batch, batch.at(-1)!.position);
    expect(committedInBetween.length).toBeGreaterThan(4);
    expect(committedInBetween.every((committed) => !committed)).toBe(true);
  });

  it('opens an up-to-date read-model file without the write lock (projections status while a batch holds it)', async () => {
    const { readModelsFile, live } = await setUp();
    live.db.exec('BEGIN IMMEDIATE');
    try {
      const reader = SqliteReadModels.open(readModelsFile);
      expect(await reader.checkpoint()).toBe(0);
      await reader.close();
    } finally {
      live.db.exec('ROLLBACK');
    }
  });

  it('covers the log up to the head when its last events belong to no part', async () => {
    const { eventStore, readModelsFile, live, projector, caughtUp } = await setUp();
    await writeMixedWorkload(eventStore, { orders: 20, seed: 5 });
    for (let i = 0; i < 5; i++) await eventStore.appendToStream(`unrelated-${i}`, [{ id: crypto.randomUUID(), type: 'Other', data: {} }]);
    await projector.start();
    await caughtUp();
    const result = await rebuildProjections({ eventStore, readModelsFile, batchSize: 50 });
    expect(result.position).toBe(await eventStore.headPosition());
    expect(await live.checkpoint()).toBe(result.position);
  });

  it('refuses to run while another process holds the lock, and takes over an expired one', async () => {
    const { eventStore, readModelsFile } = await setUp();
    await writeMixedWorkload(eventStore, { orders: 10, seed: 4 });
    const other = new Database(readModelsFile);
    cleanups.push(() => void other.close());
    let now = Date.now();
    const foreign = new RebuildLock(other, 'orders', 1000, () => now);
    foreign.acquire();
    await expect(rebuildProjections({ eventStore, readModelsFile })).rejects.toBeInstanceOf(RebuildLockedError);
    now -= 5000;
    foreign.renew(); // now expired for everyone else
    await expect(rebuildProjections({ eventStore, readModelsFile })).resolves.toMatchObject({ events: expect.any(Number) });
    expect(RebuildLock.holder(other, 'orders')).toBeNull();
  });
});
