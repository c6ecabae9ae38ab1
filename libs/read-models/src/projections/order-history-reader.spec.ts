import { type Order, orderStreamId } from '@orders/domain';
import { type EventStore, type ReadStreamOptions, SqliteEventStore } from '@orders/event-store';
import { afterEach, describe, expect, it } from 'vitest';
import { orderAt, orderHistory } from './order-history';
import { OrderHistoryReader } from './order-history-reader';

const order = (quantity: number): Order => ({
  orderId: 'r-1',
  contact: { matchKey: 'c1', matchKeyType: 'ContactId' },
  status: 'InProgress',
  type: 'Purchase',
  currencyCode: 'SEK',
  totalPrice: 10 * quantity,
  createdAt: '2026-01-01T00:00:00Z',
  lineItems: { items: [{ type: 'Purchase', quantity, article: { sku: 'A' }, totalPrice: 10 * quantity }] },
});

const opened: SqliteEventStore[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

/** A real embedded store holding one order stream of `length` events (replaces, status changes, an action, a delete), counting what is read. */
async function given(length: number) {
  const store = SqliteEventStore.open({ file: ':memory:' });
  opened.push(store);
  const streamId = orderStreamId('r-1');
  for (let revision = 0; revision < length; revision++) {
    const [type, data] =
      revision === 0
        ? ['OrderRegistered', { order: order(1) }]
        : revision === length - 1
          ? ['OrderDeleted', { orderId: 'r-1' }]
          : revision % 7 === 0
            ? ['OrderActionRequested', { orderId: 'r-1', action: { action: 'ConfirmCompletion' }, version: revision - 1 }]
            : revision % 2 === 0
              ? ['OrderReplaced', { order: order(revision) }]
              : ['OrderStatusChanged', { orderId: 'r-1', externalStatus: `s${revision}` }];
    await store.appendToStream(streamId, [
      { id: `00000000-0000-4000-8000-${String(revision).padStart(12, '0')}`, type, data, metadata: { jobId: `j${revision}` } },
    ]);
  }
  let read = 0;
  const counting = new Proxy(store, {
    get(target, name, receiver) {
      if (name !== 'readStream') return Reflect.get(target, name, receiver) as unknown;
      return async (id: string, options?: ReadStreamOptions) => {
        const events = await target.readStream(id, options);
        read += events.length;
        return events;
      };
    },
  }) as EventStore;
  const all = await store.readStream(streamId);
  return { all, reader: new OrderHistoryReader(counting, { snapshotEvery: 8 }), eventsRead: () => read, resetRead: () => (read = 0) };
}

describe('OrderHistoryReader', () => {
  it('every page equals the history folded from the whole stream', async () => {
    const { all, reader } = await given(40);
    for (const [offset, count] of [
      [0, 1],
      [39, 1],
      [5, 10],
      [16, 8],
      [30, 50],
      [7, 1],
      [0, 40],
      [40, 5],
      [3, 0],
    ] as const) {
      expect(await reader.page('r-1', offset, count), `offset ${offset} count ${count}`).toEqual({
        items: orderHistory(all, { offset, count }),
        totalCount: 40,
      });
    }
    expect(await reader.page('nobody', 0, 10)).toBeNull();
  });

  it('the order at every revision and at every event time equals the fold of the whole stream', async () => {
    const { all, reader } = await given(30);
    for (const revision of [29, 0, 13, 12, 8, 7, 22, 1, 28, 100]) {
      expect(await reader.orderAt('r-1', { revision }), `revision ${revision}`).toEqual(orderAt(all, { revision }));
    }
    for (const event of [all[20]!, all[3]!, all[29]!]) {
      expect(await reader.orderAt('r-1', { at: event.createdAt })).toEqual(orderAt(all, { at: event.createdAt }));
    }
    expect(await reader.orderAt('r-1', { at: '2000-01-01T00:00:00Z' })).toBeNull();
    expect(await reader.orderAt('r-1', { at: '2999-01-01T00:00:00Z' })).toEqual(orderAt(all, { at: '2999-01-01T00:00:00Z' }));
  });

  it('on a long stream, once snapshots are kept, the newest page and the order now read a few events, not the stream', async () => {
    const { reader, eventsRead, resetRead } = await given(300);
    await reader.page('r-1', 299, 1);
    resetRead();

    await reader.page('r-1', 298, 2);
    await reader.orderAt('r-1', { at: '2999-01-01T00:00:00Z' });
    await reader.orderAt('r-1', { revision: 250 });

    expect(eventsRead()).toBeLessThanOrEqual(30);
  });
});

describe('OrderHistoryReader and erasure', () => {
  /** a store whose first event reads as the erasure would leave it once `erased` is set (as the codec does) */
  async function erasable() {
    const store = SqliteEventStore.open({ file: ':memory:' });
    opened.push(store);
    const personal = { ...order(1), contact: { matchKeyType: 'Email' as const, matchKey: 'ann@example.com' } };
    await store.appendToStream(orderStreamId('r-1'), [
      { id: 'e0', type: 'OrderRegistered', data: { order: personal } },
      { id: 'e1', type: 'OrderStatusChanged', data: { orderId: 'r-1', status: 'Completed' } },
    ]);
    const state = { erased: false };
    const view = new Proxy(store, {
      get(target, name, receiver) {
        if (name !== 'readStream') return Reflect.get(target, name, receiver) as unknown;
        return async (id: string, options?: ReadStreamOptions) =>
          (await target.readStream(id, options)).map((event) =>
            state.erased && event.type === 'OrderRegistered'
              ? { ...event, data: { order: { ...personal, contact: { ...personal.contact, matchKey: '[erased]' } } } }
              : event,
          );
      },
    });
    return { view: view as EventStore, state };
  }

  it('uses a snapshot holding personal data for at most the TTL, and forget() drops it at once', async () => {
    const { view, state } = await erasable();
    let now = 1_000;
    const reader = new OrderHistoryReader(view, { personalDataTtlMs: 1_000, now: () => now });
    const matchKey = async () => (await reader.orderAt('r-1', { revision: 1 }))?.order.contact.matchKey;
    expect(await matchKey()).toBe('ann@example.com');
    state.erased = true;
    expect(await matchKey()).toBe('ann@example.com'); // the snapshot, still fresh
    now += 1_001;
    expect(await matchKey()).toBe('[erased]');
    state.erased = false;
    await matchKey(); // a fresh snapshot with personal data again
    state.erased = true;
    reader.forget('r-1');
    expect(await matchKey()).toBe('[erased]');
  });
});
