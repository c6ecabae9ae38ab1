import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeVersionTag, type Order, orderStreamId } from '@orders/domain';
import { type RecordedEvent, SqliteEventStore } from '@orders/event-store';
import { SqliteReadModels } from '../sqlite/sqlite-read-models';
import { testOrder } from '../testing/read-model-log';
import { Projector } from './projector';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const order = testOrder;

const registered = (o: Order) => ({ id: crypto.randomUUID(), type: 'OrderRegistered', data: { order: o } as Record<string, unknown> });

async function until(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function open(dir: string) {
  const store = SqliteEventStore.open({ file: join(dir, 'events.sqlite'), pollIntervalMs: 20 });
  const readModels = SqliteReadModels.open(join(dir, 'read.sqlite'));
  const seen: RecordedEvent[] = [];
  const apply = readModels.applyBatch.bind(readModels);
  readModels.applyBatch = async (events, checkpoint) => {
    seen.push(...events);
    return apply(events, checkpoint);
  };
  return { store, readModels, seen, projector: new Projector(store, readModels, { streamPrefixes: ['order-'] }) };
}

describe('Projector over the embedded stores', () => {
  it('builds the order view and listing, then resumes from its checkpoint after a restart (no full replay)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'projector-'));
    dirs.push(dir);
    const first = open(dir);
    await first.store.appendToStream(orderStreamId('a'), [registered(order('a', 'c1', '2026-01-02T00:00:00Z'))], {
      expectedRevision: 'no_stream',
    });
    await first.store.appendToStream(orderStreamId('b'), [registered(order('b', 'c1', '2026-01-03T00:00:00Z'))], {
      expectedRevision: 'no_stream',
    });
    await first.store.appendToStream('contact-x', [{ id: crypto.randomUUID(), type: 'Other', data: {} }]);
    await first.projector.start();
    const head = await first.store.headPosition();
    await until(async () => (await first.readModels.listByContact('c1', 0, 10)).totalCount === 2);
    expect((await first.readModels.getOrder('a'))?.versionTag).toBe(encodeVersionTag('a', 0));
    expect((await first.readModels.listByContact('c1', 0, 10)).items.map((r) => r.orderId)).toEqual(['b', 'a']);
    expect(first.seen.every((e) => e.streamId.startsWith('order-'))).toBe(true);
    await first.projector.stop();
    await first.store.close();
    await first.readModels.close();

    const second = open(dir);
    await second.store.appendToStream(orderStreamId('a'), [{ id: crypto.randomUUID(), type: 'OrderDeleted', data: { orderId: 'a' } }], {
      expectedRevision: 0,
    });
    await second.projector.start();
    await until(async () => (await second.readModels.getOrder('a'))?.deleted === true);
    expect(await second.readModels.checkpoint()).toBeGreaterThan(head);
    expect(second.seen.map((e) => e.type)).toEqual(['OrderDeleted']);
    expect((await second.readModels.listByContact('c1', 0, 10)).totalCount).toBe(1);
    await second.projector.stop();
    await second.store.close();
    await second.readModels.close();
  });

  it('re-applying a batch at or below the checkpoint changes nothing (redelivery is harmless)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'projector-'));
    dirs.push(dir);
    const { store, readModels } = open(dir);
    await store.appendToStream(orderStreamId('r'), [registered(order('r', 'c2'))], { expectedRevision: 'no_stream' });
    const events = await store.readAll();
    await readModels.applyBatch(events, events.at(-1)!.position);
    const before = await readModels.getOrder('r');
    await readModels.applyBatch(events, events.at(-1)!.position);
    expect(await readModels.getOrder('r')).toEqual(before);
    expect((await readModels.listByContact('c2', 0, 10)).totalCount).toBe(1);
    await store.close();
    await readModels.close();
  });
});
