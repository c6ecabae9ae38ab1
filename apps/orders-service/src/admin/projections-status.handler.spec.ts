import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteEventStore } from '@orders/event-store';
import { Projector, SqliteReadModels } from '@orders/read-models';
import { MongoReadModels } from '@orders/read-models/mongo';
import { writeMixedWorkload } from '@orders/read-models/testing/mixed-workload';
import { FakeMongoDb } from '@orders/read-models/testing/fake-mongo';
import { ProjectionsStatusHandler } from './projections-status.handler';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('GET /admin/projections (ProjectionsStatusHandler) on both read stores', () => {
  it('answers the same items for the embedded and the MongoDB projection store over the same log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'admin-status-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const eventStore = SqliteEventStore.open({ file: join(dir, 'events.sqlite'), pollIntervalMs: 5 });
    cleanups.push(() => eventStore.close());
    await writeMixedWorkload(eventStore, { orders: 20, seed: 3 });
    // the log ends with events no projection reads: caught up means the checkpoint covers them too
    await eventStore.appendToStream('unrelated-1', [{ id: crypto.randomUUID(), type: 'Other', data: {} }]);
    const sqlite = SqliteReadModels.open(join(dir, 'read-models.sqlite'));
    const mongo = await MongoReadModels.open(new FakeMongoDb().asDb());
    cleanups.push(() => sqlite.close());
    const handlers = [new ProjectionsStatusHandler(eventStore, sqlite), new ProjectionsStatusHandler(eventStore, mongo)];
    const head = await eventStore.headPosition();

    const before = await Promise.all(handlers.map((handler) => handler.execute()));
    expect(before[0]).toEqual([{ name: 'orders', position: 0, head, lag: head, caughtUp: false }]);
    expect(before[1]).toEqual(before[0]);

    for (const store of [sqlite, mongo]) {
      const projector = new Projector(eventStore, store, { streamPrefixes: store.streamPrefixes });
      await projector.start();
      cleanups.push(() => projector.stop());
    }
    let after = await Promise.all(handlers.map((handler) => handler.execute()));
    for (let i = 0; i < 2000 && !after.every(([status]) => status?.caughtUp); i++) {
      await new Promise((r) => setTimeout(r, 5));
      after = await Promise.all(handlers.map((handler) => handler.execute()));
    }
    expect(after[0]).toEqual([{ name: 'orders', position: head, head, lag: 0, caughtUp: true }]);
    expect(after[1]).toEqual(after[0]);
  });
});
