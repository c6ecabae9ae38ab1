import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';
import type { ListingQueries } from '../listing.port';
import type { ReadModelStore } from './read-model.contract';
import { TestLog, testOrder } from './read-model-log';

export type ListingSideFactory = () => Promise<{ store: ReadModelStore; listings: ListingQueries; cleanup: () => Promise<void> }>;

/**
 * The console's listings (ListingQueries) that every adapter must answer identically: register pages
 * in key order without deleted entries, the contact filter on normalised keys, the article search,
 * recent orders newest first without deleted ones, and a contact's order figures.
 */
export function describeListingContract(name: string, factory: ListingSideFactory): void {
  describe(`Listing contract: ${name}`, () => {
    const opened: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const cleanup of opened.splice(0)) await cleanup();
    });
    /** a fresh store with `events` applied in one batch */
    const given = async (events: RecordedEvent[]) => {
      const side = await factory();
      opened.push(side.cleanup);
      if (events.length > 0) await side.store.applyBatch(events, events[events.length - 1]!.position);
      return side.listings;
    };

    it('lists contacts by contactId, filtered by normalised keys (all must hold), without deleted ones', async () => {
      const log = new TestLog();
      const listings = await given([
        log.contactSaved('c-2', { email: 'Ada@Example.com', mobilePhone: '+46701234567', firstName: 'Ada', socialSecurityNumber: 'x' }),
        log.contactSaved('c-1', { email: 'bob@example.com', memberNumber: 'M-1', lastName: 'B' }),
        log.contactSaved('c-3', { email: 'ada@example.com', externalId: 'E-3' }),
        log.contactSaved('c-4', { email: 'gone@example.com' }),
        log.contactDeleted('c-4'),
      ]);
      const all = await listings.contacts({}, 0, 10);
      expect(all).toEqual({
        totalCount: 3,
        items: [
          { contactId: 'c-1', email: 'bob@example.com', memberNumber: 'M-1', lastName: 'B' },
          { contactId: 'c-2', email: 'Ada@Example.com', mobilePhone: '+46701234567', firstName: 'Ada' },
          { contactId: 'c-3', email: 'ada@example.com', externalId: 'E-3' },
        ],
      });
      expect(await listings.contacts({}, 1, 1)).toEqual({ totalCount: 3, items: [all.items[1]] });
      const ids = async (filter: Parameters<ListingQueries['contacts']>[0]) => {
        const page = await listings.contacts(filter, 0, 10);
        return { totalCount: page.totalCount, ids: page.items.map((item) => item.contactId) };
      };
      expect(await ids({ email: 'ada@example.com' })).toEqual({ totalCount: 2, ids: ['c-2', 'c-3'] });
      expect(await ids({ email: 'ada@example.com', mobilePhone: '+46701234567' })).toEqual({ totalCount: 1, ids: ['c-2'] });
      expect(await ids({ memberNumber: 'M-1' })).toEqual({ totalCount: 1, ids: ['c-1'] });
      expect(await ids({ externalId: 'E-3' })).toEqual({ totalCount: 1, ids: ['c-3'] });
      expect(await ids({ email: 'gone@example.com' })).toEqual({ totalCount: 0, ids: [] });
      expect(await ids({ memberNumber: 'M-1', externalId: 'E-3' })).toEqual({ totalCount: 0, ids: [] });
    });

    it('lists articles by sku; q matches sku or name, case-insensitively, as plain text', async () => {
      const log = new TestLog();
      const listings = await given([
        log.articleSaved('SHIRT-RED-M', { name: 'Red shirt', attributes: { color: 'red', size: 'M' } }),
        log.articleSaved('MUG-1', { name: 'Blue Mug (Öland)' }),
        log.articleSaved('shirt-old', {}),
        log.articleSaved('GONE', { name: 'shirt' }),
        log.articleDeleted('GONE'),
      ]);
      expect(await listings.articles(undefined, 0, 10)).toEqual({
        totalCount: 3,
        items: [
          { sku: 'MUG-1', name: 'Blue Mug (Öland)', attributes: {} },
          { sku: 'SHIRT-RED-M', name: 'Red shirt', attributes: { color: 'red', size: 'M' } },
          { sku: 'shirt-old', attributes: {} },
        ],
      });
      const skus = async (q: string, offset = 0, count = 10) => {
        const page = await listings.articles(q, offset, count);
        return [page.totalCount, ...page.items.map((item) => item.sku)];
      };
      expect(await skus('SHIRT')).toEqual([2, 'SHIRT-RED-M', 'shirt-old']);
      expect(await skus('shirt', 1, 1)).toEqual([2, 'shirt-old']);
      expect(await skus('blue m')).toEqual([1, 'MUG-1']);
      expect(await skus('öland')).toEqual([1, 'MUG-1']);
      expect(await skus('(ö')).toEqual([1, 'MUG-1']);
      expect(await skus('.*')).toEqual([0]);
    });

    it('lists stores by externalStoreId without deleted ones', async () => {
      const log = new TestLog();
      const listings = await given([
        log.storeSaved('S-2', { name: 'Sthlm', country: 'SE' }),
        log.storeSaved('S-1', {}),
        log.storeSaved('S-3', { name: 'Gone' }),
        log.storeDeleted('S-3'),
      ]);
      expect(await listings.stores(0, 10)).toEqual({
        totalCount: 2,
        items: [{ externalStoreId: 'S-1' }, { externalStoreId: 'S-2', name: 'Sthlm', country: 'SE' }],
      });
      expect(await listings.stores(1, 5)).toEqual({ totalCount: 2, items: [{ externalStoreId: 'S-2', name: 'Sthlm', country: 'SE' }] });
    });

    it('lists recent orders newest createdAt first (ties by orderId), deleted ones excluded', async () => {
      const log = new TestLog();
      const listings = await given([
        log.registered(testOrder('o-b', 'c-1', '2026-03-01T10:00:00+02:00')),
        log.registered(testOrder('o-a', 'c-2', '2026-03-01T08:00:00Z')),
        log.registered(testOrder('o-c', 'c-1', '2026-01-01T00:00:00Z')),
        log.registered(testOrder('o-new', 'c-3', '2026-05-01T00:00:00Z')),
        log.deleted('o-new'),
      ]);
      const page = await listings.recentOrders(0, 10);
      expect(page.totalCount).toBe(3);
      // 10:00+02:00 is 08:00Z: a tie, broken by orderId
      expect(page.items.map((record) => [record.orderId, record.versionTag])).toEqual([
        ['o-a', expect.any(String)],
        ['o-b', expect.any(String)],
        ['o-c', expect.any(String)],
      ]);
      expect((await listings.recentOrders(2, 1)).items.map((record) => record.orderId)).toEqual(['o-c']);
    });

    it("sums a contact's non-deleted orders: counts, completed, returns and totals per currency", async () => {
      const log = new TestLog();
      const order = (id: string, extra: Partial<Order>): Order => ({ ...testOrder(id, 'c-1'), ...extra });
      const listings = await given([
        log.registered(order('o-1', { totalPrice: 0.1 })),
        log.registered(order('o-2', { totalPrice: 0.2, status: 'Completed' })),
        log.registered(order('o-3', { totalPrice: -50, type: 'Return', currencyCode: 'EUR' })),
        log.registered(order('o-4', { totalPrice: 1000, currencyCode: 'EUR' })),
        log.deleted('o-4'),
        log.registered(testOrder('o-other', 'c-2')),
      ]);
      expect(await listings.contactOrderSummary('c-1')).toEqual({
        contactId: 'c-1',
        orderCount: 3,
        completedCount: 1,
        returnCount: 1,
        totals: [
          { currencyCode: 'EUR', totalPrice: -50 },
          { currencyCode: 'SEK', totalPrice: 0.3 },
        ],
      });
      expect(await listings.contactOrderSummary('nobody')).toEqual({
        contactId: 'nobody',
        orderCount: 0,
        completedCount: 0,
        returnCount: 0,
        totals: [],
      });
    });
  });
}
