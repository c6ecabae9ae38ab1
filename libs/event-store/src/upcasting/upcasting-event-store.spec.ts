import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ORDER_EVENT_UPCASTERS, orderStreamId } from '@orders/domain';
import type { RecordedEvent } from '../event-store.port';
import { openTempStore } from '../sqlite/temp-store';
import { describeEventStoreContract, newEvent } from '../testing';
import { createUpcasterRegistry } from './upcaster-registry';
import { UpcastingEventStore } from './upcasting-event-store';

const registry = createUpcasterRegistry(ORDER_EVENT_UPCASTERS);

describeEventStoreContract('UpcastingEventStore over SQLite', async () => {
  const { store, cleanup } = await openTempStore({ pollIntervalMs: 20 });
  return { store: new UpcastingEventStore(store, registry), cleanup };
});

/** An `OrderRegistered` as the v0 importer wrote it: `order.currency` instead of `order.currencyCode`. */
const v0Registered = () => ({
  id: randomUUID(),
  type: 'OrderRegistered',
  data: { order: { orderId: 'old-1', currency: 'SEK', totalPrice: 10, status: 'Completed' } },
  metadata: { schemaVersion: 0, correlationId: 'import-1' },
});

describe('UpcastingEventStore', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  const open = async () => {
    const temp = await openTempStore({ pollIntervalMs: 20 });
    cleanups.push(temp.cleanup);
    return { raw: temp.store, store: new UpcastingEventStore(temp.store, registry) };
  };
  const expectCurrent = (event: RecordedEvent | undefined) =>
    expect(event).toMatchObject({
      type: 'OrderRegistered',
      data: { order: { orderId: 'old-1', currencyCode: 'SEK', totalPrice: 10, status: 'Completed' } },
      metadata: { schemaVersion: 1, correlationId: 'import-1' },
    });

  it('reads a stored v0 event in the current shape through readStream, readAll and subscriptions', async () => {
    const { raw, store } = await open();
    await store.appendToStream(orderStreamId('old-1'), [v0Registered()]);
    const [stored] = await raw.readStream(orderStreamId('old-1'));
    expect(stored?.data).toEqual({ order: { orderId: 'old-1', currency: 'SEK', totalPrice: 10, status: 'Completed' } });

    const [read] = await store.readStream(orderStreamId('old-1'));
    expectCurrent(read);
    expect(JSON.stringify(read?.data)).not.toContain('"currency"');
    expectCurrent((await store.readAll())[0]);
    const delivered: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({}, { onEvents: (events) => void delivered.push(...events) });
    while (delivered.length === 0) await new Promise((r) => setTimeout(r, 5));
    await subscription.stop();
    expectCurrent(delivered[0]);
  });

  it('passes current events and unknown types through untouched (the same object)', () => {
    const event: RecordedEvent = {
      ...newEvent('OrderRegistered', { order: { currencyCode: 'EUR' } }),
      streamId: 's',
      revision: 0,
      position: 1,
      createdAt: '',
      metadata: { schemaVersion: 1 },
    };
    expect(registry.upcast(event)).toBe(event);
    const other = { ...event, type: 'Tested', metadata: { schemaVersion: 0 } };
    expect(registry.upcast(other)).toBe(other);
    expect(registry.currentVersion('OrderRegistered')).toBe(1);
    expect(registry.currentVersion('Tested')).toBe(1);
  });

  it('chains steps and rejects ambiguous or gapped registries', () => {
    const chained = createUpcasterRegistry([
      { type: 'T', fromVersion: 1, upcast: (d) => ({ ...d, b: d.a }) },
      { type: 'T', fromVersion: 2, upcast: (d) => ({ c: d.b }) },
    ]);
    const event: RecordedEvent = {
      id: 'x',
      streamId: 's',
      revision: 0,
      position: 1,
      createdAt: '',
      type: 'T',
      data: { a: 1 },
      metadata: {},
    };
    expect(chained.upcast(event)).toMatchObject({ data: { c: 1 }, metadata: { schemaVersion: 3 } });
    expect(() =>
      createUpcasterRegistry([
        { type: 'T', fromVersion: 0, upcast: (d) => d },
        { type: 'T', fromVersion: 0, upcast: (d) => d },
      ]),
    ).toThrow(/two/);
    expect(() =>
      createUpcasterRegistry([
        { type: 'T', fromVersion: 0, upcast: (d) => d },
        { type: 'T', fromVersion: 2, upcast: (d) => d },
      ]),
    ).toThrow(/gap/);
  });
});
