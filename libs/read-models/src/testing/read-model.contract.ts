import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeVersionTag } from '@orders/domain';
import type { OrderReadModel, ProjectionStore } from '../read-model.port';
import { TestLog, testOrder } from './read-model-log';

export type ReadModelStore = OrderReadModel & ProjectionStore;
/** A fresh, empty store per test (its own file or database) and how to dispose of it. */
export type ReadModelStoreFactory = () => Promise<{ store: ReadModelStore; cleanup: () => Promise<void> }>;

/**
 * The contract of the read side (ProjectionStore + OrderReadModel) that every adapter must pass:
 * applying events, idempotent redelivery, a monotonic checkpoint, the contact listing's order and
 * paging, deleted orders hidden from listings.
 */
export function describeReadModelContract(name: string, factory: ReadModelStoreFactory): void {
  describe(`ReadModel contract: ${name}`, () => {
    let current: Awaited<ReturnType<ReadModelStoreFactory>> | undefined;
    let log: TestLog;
    const store = (): ReadModelStore => {
      if (!current) throw new Error('no store: the factory has not run');
      return current.store;
    };
    const listed = async (contactId: string, offset = 0, count = 100) =>
      (await store().listByContact(contactId, offset, count)).items.map((record) => record.orderId);
    beforeEach(async () => {
      current = await factory();
      log = new TestLog();
    });
    afterEach(async () => {
      const done = current;
      current = undefined;
      await done?.cleanup();
    });

    it('applies a registration: the order view record, its versionTag and the listing', async () => {
      const [a, c] = [log.orderId('a'), log.contactId('c')];
      const event = log.registered(testOrder(a, c, '2026-02-03T04:05:06+02:00'));
      await store().applyBatch([event], event.position);
      const record = await store().getOrder(a);
      expect(record).toMatchObject({
        orderId: a,
        contactId: c,
        version: 0,
        revision: 0,
        deleted: false,
        versionTag: encodeVersionTag(a, 0),
        createdAtMs: Date.parse('2026-02-03T04:05:06+02:00'),
        updatedAt: event.createdAt,
      });
      expect(record?.order).toEqual(testOrder(a, c, '2026-02-03T04:05:06+02:00'));
      expect(await store().getOrder(log.orderId('unknown'))).toBeNull();
      expect(await store().listByContact(c, 0, 10)).toMatchObject({ totalCount: 1, items: [{ orderId: a }] });
    });

    it('applies later events of an order within one batch and across batches', async () => {
      const [a, c] = [log.orderId('a'), log.contactId('c')];
      const first = [log.registered(testOrder(a, c)), log.statusChanged(a, 'Completed')];
      await store().applyBatch(first, log.head());
      expect(await store().getOrder(a)).toMatchObject({ version: 1, revision: 1, order: { status: 'Completed' } });
      const next = log.statusChanged(a, 'Cancelled');
      await store().applyBatch([next], next.position);
      expect(await store().getOrder(a)).toMatchObject({
        version: 2,
        revision: 2,
        versionTag: encodeVersionTag(a, 2),
        order: { status: 'Cancelled' },
      });
    });

    it('redelivery is idempotent: the same batch again, overlapping batches, stale events', async () => {
      const [a, b, c] = [log.orderId('a'), log.orderId('b'), log.contactId('c')];
      const batch = [log.registered(testOrder(a, c)), log.registered(testOrder(b, c)), log.statusChanged(a, 'Completed')];
      await store().applyBatch(batch, log.head());
      const before = [await store().getOrder(a), await store().getOrder(b)];
      await store().applyBatch(batch, log.head());
      await store().applyBatch(batch.slice(0, 1), batch[0]!.position);
      const later = log.statusChanged(b, 'Completed');
      await store().applyBatch([...batch, later], later.position);
      await store().applyBatch([...batch, later], later.position);
      expect(await store().getOrder(a)).toEqual(before[0]);
      expect(await store().getOrder(b)).toMatchObject({ revision: 1, order: { status: 'Completed' } });
      expect(await listed(c)).toHaveLength(2);
      expect(await store().checkpoint()).toBe(later.position);
    });

    it('ignores events at or below the checkpoint', async () => {
      const [a, c] = [log.orderId('a'), log.contactId('c')];
      const registered = log.registered(testOrder(a, c));
      const changed = log.statusChanged(a, 'Completed');
      await store().applyBatch([], changed.position); // e.g. a filtered checkpoint past both
      await store().applyBatch([registered, changed], changed.position);
      expect(await store().getOrder(a)).toBeNull();
    });

    it('the checkpoint starts at 0, moves forward with batches and empty batches, never backwards', async () => {
      expect(await store().checkpoint()).toBe(0);
      const [a, c] = [log.orderId('a'), log.contactId('c')];
      const event = log.registered(testOrder(a, c));
      await store().applyBatch([event], event.position + 5);
      expect(await store().checkpoint()).toBe(event.position + 5);
      await store().applyBatch([], event.position + 100);
      expect(await store().checkpoint()).toBe(event.position + 100);
      await store().applyBatch([], event.position);
      expect(await store().checkpoint()).toBe(event.position + 100);
      await Promise.all([300, 200, 400, 250].map((p) => store().applyBatch([], event.position + p)));
      expect(await store().checkpoint()).toBe(event.position + 400);
    });

    it("lists a contact's orders newest createdAt first (ties by orderId), with offset/count paging and totalCount", async () => {
      const c = log.contactId('c');
      const orders = [
        testOrder(log.orderId('o1'), c, '2026-01-01T10:00:00Z'),
        testOrder(log.orderId('o2'), c, '2026-01-03T10:00:00Z'),
        testOrder(log.orderId('o3b'), c, '2026-01-02T10:00:00Z'),
        testOrder(log.orderId('o3a'), c, '2026-01-02T12:00:00+02:00'), // same instant as o3b
        testOrder(log.orderId('o4'), c, '2025-12-31T23:00:00-05:00'), // = 2026-01-01T04:00Z: the oldest
        testOrder(log.orderId('x1'), log.contactId('other'), '2026-01-05T10:00:00Z'),
      ];
      const events = orders.map((order) => log.registered(order));
      await store().applyBatch(events.slice(0, 3), events[2]!.position);
      await store().applyBatch(events.slice(3), log.head());
      const expected = ['o2', 'o3a', 'o3b', 'o1', 'o4'].map((n) => log.orderId(n));
      expect(await listed(c)).toEqual(expected);
      const page = await store().listByContact(c, 1, 2);
      expect(page.totalCount).toBe(5);
      expect(page.items.map((r) => r.orderId)).toEqual(expected.slice(1, 3));
      expect(await listed(c, 4, 10)).toEqual(expected.slice(4));
      expect(await store().listByContact(c, 10, 10)).toEqual({ items: [], totalCount: 5 });
      expect(await store().listByContact(log.contactId('nobody'), 0, 10)).toEqual({ items: [], totalCount: 0 });
    });

    it('hides deleted orders from listings (the record stays, marked deleted) and shows them again when re-registered', async () => {
      const [a, b, c] = [log.orderId('a'), log.orderId('b'), log.contactId('c')];
      await store().applyBatch([log.registered(testOrder(a, c)), log.registered(testOrder(b, c))], log.head());
      const removed = log.deleted(a);
      await store().applyBatch([removed], removed.position);
      expect(await store().listByContact(c, 0, 10)).toMatchObject({ totalCount: 1, items: [{ orderId: b }] });
      expect(await store().getOrder(a)).toMatchObject({ deleted: true, revision: 1 });
      const again = log.registered(testOrder(a, c, '2026-06-01T00:00:00Z'));
      await store().applyBatch([again], again.position);
      expect(await listed(c)).toEqual([a, b]);
      expect(await store().getOrder(a)).toMatchObject({ deleted: false, revision: 2, version: 2 });
    });

    it('moves an order between contacts when it is replaced with another contact', async () => {
      const [a, c1, c2] = [log.orderId('a'), log.contactId('c1'), log.contactId('c2')];
      await store().applyBatch([log.registered(testOrder(a, c1))], log.head());
      await store().applyBatch([log.replaced(testOrder(a, c2))], log.head());
      expect(await listed(c1)).toEqual([]);
      expect(await listed(c2)).toEqual([a]);
      expect(await store().getOrder(a)).toMatchObject({ contactId: c2, version: 1 });
    });

    it('ignores events of streams it does not project', async () => {
      const other = log.event(`unrelated-${log.run}`, 'SomethingHappened', { x: 1 });
      await store().applyBatch([other], other.position);
      expect(await store().checkpoint()).toBe(other.position);
    });
  });
}
