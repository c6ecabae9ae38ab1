import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Contact, Order } from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';
import { parseSegment, type Segment } from '@orders/segmentation';
import type { ContactResolver } from '../register.port';
import type { SavedSegment, SavedSegmentStore, SegmentQueries } from '../segment.port';
import type { ReadModelStore } from './read-model.contract';
import { TestLog, testOrder } from './read-model-log';

/** Everything of one adapter's read side that the contract drives, over one fresh, empty store. */
export interface ReadSide {
  store: ReadModelStore;
  contacts: ContactResolver;
  segments: SegmentQueries;
  saved: SavedSegmentStore;
}
export type ReadSideFactory = () => Promise<ReadSide & { cleanup: () => Promise<void> }>;

const NOW = Date.parse('2026-06-15T12:00:00Z');

function segment(filter: unknown, having?: unknown): Segment {
  const parsed = parseSegment({ filter, having });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.segment;
}

async function applyInBatches(store: ReadModelStore, events: readonly RecordedEvent[], size: number): Promise<void> {
  for (let start = 0; start < events.length; start += size) {
    const batch = events.slice(start, start + size);
    await store.applyBatch(batch, batch[batch.length - 1]!.position);
  }
}

/**
 * The read side beyond the order view that every adapter must answer identically (SQLite is the
 * reference): the contact, article and store registers, contact linking (whichever comes first, the
 * first claimant of a shared key, relinking on change and delete, for any batching of the log), the
 * reference warnings, segment queries (counts, paging, having, line and article conditions over the
 * registers as they are now) and saved segments.
 */
export function describeReadSideContract(name: string, factory: ReadSideFactory): void {
  describe(`ReadSide contract: ${name}`, () => {
    const opened: Array<() => Promise<void>> = [];
    let log: TestLog;
    const fresh = async (): Promise<ReadSide> => {
      const side = await factory();
      opened.push(side.cleanup);
      return side;
    };
    beforeEach(() => {
      log = new TestLog();
    });
    afterEach(async () => {
      for (const cleanup of opened.splice(0)) await cleanup();
    });

    const order = (name: string, matchKeyType: Contact['matchKeyType'], matchKey: string, extra: Partial<Order> = {}): Order => ({
      ...testOrder(log.orderId(name), matchKey, '2026-01-01T00:00:00Z', matchKeyType),
      ...extra,
    });

    /** a log that links orders to contacts in every order of arrival (the README's rules) */
    function linkingLog() {
      const [ada, second, member] = [log.contactId('c-ada'), log.contactId('c-second'), log.contactId('c-member')];
      const email = `ada-${log.run}@example.com`;
      const member1 = `M-${log.run}`;
      const ids = {
        early: log.orderId('o-early'),
        late: log.orderId('o-late'),
        member: log.orderId('o-member'),
        direct: log.orderId('o-direct'),
      };
      const events = [
        log.registered(order('o-early', 'Email', ` ${email.toUpperCase()} `)),
        log.contactSaved(ada, { email: email.replace('ada', 'ADA') }),
        log.registered(order('o-late', 'MobilePhone', '0046 70 123 45 67')),
        log.contactSaved(ada, { email, mobilePhone: '+46701234567' }),
        log.contactSaved(second, { email }),
        log.registered(order('o-member', 'MemberNumber', member1)),
        log.contactSaved(member, { memberNumber: member1 }),
        log.contactDeleted(member),
        log.registered(order('o-direct', 'ContactId', 'c-unregistered')),
      ];
      return { events, ids, ada, second, email, member1 };
    }

    const links = async (side: ReadSide, ids: Record<string, string>) => {
      const out: Record<string, unknown> = {};
      for (const [key, orderId] of Object.entries(ids)) {
        const record = await side.store.getOrder(orderId);
        out[key] = { contactId: record?.contactId, warnings: record?.warnings.map((warning) => warning.code) };
      }
      return out;
    };

    it('links orders to the contact that claims their key, whichever comes first, for any batching of the log', async () => {
      const { events, ids, ada } = linkingLog();
      const expected = {
        early: { contactId: ada, warnings: ['ARTICLE_MISSING'] },
        late: { contactId: ada, warnings: ['ARTICLE_MISSING'] },
        member: { contactId: null, warnings: ['CONTACT_MISSING', 'ARTICLE_MISSING'] },
        direct: { contactId: 'c-unregistered', warnings: ['ARTICLE_MISSING'] },
      };
      for (const size of [1, 2, 3, 4, events.length]) {
        const side = await fresh();
        await applyInBatches(side.store, events, size);
        expect(await links(side, ids), `batches of ${size}`).toEqual(expected);
        const listed = await side.store.listByContact(ada, 0, 10);
        expect(listed.totalCount).toBe(2);
        expect(listed.items.map((record) => record.orderId)).toEqual([ids.early, ids.late].sort());
        expect(listed.items.map((record) => record.contactId)).toEqual([ada, ada]);
      }
    });

    it('resolves contact keys as the order view does: normalised, first claimant, ContactId directly', async () => {
      const side = await fresh();
      const { events, ada, email, member1 } = linkingLog();
      await applyInBatches(side.store, events, 3);
      const resolve = (matchKeyType: Contact['matchKeyType'], matchKey: string) => side.contacts.resolveContact({ matchKeyType, matchKey });
      expect(await resolve('Email', `  ${email.toUpperCase()}`)).toBe(ada);
      expect(await resolve('MobilePhone', '+46 (70) 123.45-67')).toBe(ada);
      expect(await resolve('MobilePhone', '070 123 45 67')).toBeNull(); // no country code: matches nothing
      expect(await resolve('MemberNumber', member1)).toBeNull(); // its contact was deleted
      expect(await resolve('Email', `nobody-${log.run}@example.com`)).toBeNull();
      expect(await resolve('ContactId', 'anyone')).toBe('anyone');
      expect(await side.contacts.position()).toBe(log.head());
    });

    it('finds the orders naming a person (linked, or by any of their keys) and scrubs one on OrderPersonalDataErased', async () => {
      const side = await fresh();
      const { events, ids, ada, email, member1 } = linkingLog();
      const address = { firstName: 'Ada', street: 'Storgatan 1', countryCode: 'SE' };
      const withAddress = log.orderId('o-address');
      await applyInBatches(side.store, [...events, log.registered(order('o-address', 'ContactId', ada, { billingAddress: address }))], 4);
      const keys = [
        { type: 'Email' as const, value: email },
        { type: 'MemberNumber' as const, value: member1 },
      ];
      expect(await side.contacts.ordersNaming(ada, keys)).toEqual([ids.early, ids.late, ids.member, withAddress].sort());
      expect(await side.contacts.ordersNaming(`nobody-${log.run}`, [])).toEqual([]);
      await applyInBatches(side.store, [log.event(`order-${ids.early}`, 'OrderPersonalDataErased', { orderId: ids.early })], 1);
      await applyInBatches(side.store, [log.event(`order-${withAddress}`, 'OrderPersonalDataErased', { orderId: withAddress })], 1);
      const early = await side.store.getOrder(ids.early);
      expect(early?.order.contact).toEqual({ matchKeyType: 'Email', matchKey: '[erased]' });
      expect(early?.version).toBe(0); // not a new version
      expect((await side.store.getOrder(withAddress))?.order.billingAddress).toEqual({
        firstName: '[erased]',
        street: '[erased]',
        countryCode: 'SE',
      });
      expect(await side.contacts.ordersNaming(`nobody-${log.run}`, [{ type: 'Email', value: '[erased]' }])).toEqual([]);
    });

    it('hands a shared key to the next claimant when the first lets go, and relinks the orders', async () => {
      const side = await fresh();
      const { events, ids, second, ada, email } = linkingLog();
      await applyInBatches(side.store, events, events.length);
      await applyInBatches(side.store, [log.contactDeleted(ada)], 1);
      expect(await links(side, { early: ids.early, late: ids.late })).toEqual({
        early: { contactId: second, warnings: ['ARTICLE_MISSING'] },
        late: { contactId: null, warnings: ['CONTACT_MISSING', 'ARTICLE_MISSING'] },
      });
      expect((await side.store.listByContact(ada, 0, 10)).totalCount).toBe(0);
      // registering again claims the key anew: the earlier claimant keeps it
      await applyInBatches(side.store, [log.contactSaved(ada, { email, mobilePhone: '+46701234567' })], 1);
      expect(await links(side, { early: ids.early, late: ids.late })).toEqual({
        early: { contactId: second, warnings: ['ARTICLE_MISSING'] },
        late: { contactId: ada, warnings: ['ARTICLE_MISSING'] },
      });
      expect(await side.contacts.resolveContact({ matchKeyType: 'Email', matchKey: email })).toBe(second);
      // a contact that changes its key lets go of the old one
      await applyInBatches(side.store, [log.contactSaved(second, { email: `other-${log.run}@example.com` })], 1);
      expect((await side.store.getOrder(ids.early))?.contactId).toBe(ada);
    });

    it('moves an order when it is replaced with another key, and keeps its link through status changes', async () => {
      const side = await fresh();
      const [c1, c2] = [log.contactId('c1'), log.contactId('c2')];
      const events = [
        log.contactSaved(c1, { memberNumber: `m1-${log.run}` }),
        log.contactSaved(c2, { externalId: `x2-${log.run}` }),
        log.registered(order('o', 'MemberNumber', `m1-${log.run}`)),
        log.statusChanged(log.orderId('o'), 'Completed'),
      ];
      await applyInBatches(side.store, events, 2);
      expect(await side.store.getOrder(log.orderId('o'))).toMatchObject({ contactId: c1, order: { status: 'Completed' } });
      await applyInBatches(side.store, [log.replaced(order('o', 'ExternalId', ` x2-${log.run} `))], 1);
      expect((await side.store.listByContact(c1, 0, 10)).totalCount).toBe(0);
      expect((await side.store.listByContact(c2, 0, 10)).items.map((record) => record.orderId)).toEqual([log.orderId('o')]);
    });

    it('reference warnings follow the article and store registers as they are now (register, change, delete)', async () => {
      const side = await fresh();
      const o = order('o', 'ContactId', log.contactId('c'), {
        externalStoreId: `S-${log.run}`,
        totalPrice: 30,
        payments: { items: [{ method: 'Card', amount: 25 }] },
        lineItems: {
          items: ['A', 'B', 'A'].map((sku) => ({
            type: 'Purchase' as const,
            quantity: 1,
            article: { sku: `${sku}-${log.run}` },
            totalPrice: 10,
          })),
        },
      });
      await applyInBatches(side.store, [log.registered(o)], 1);
      const codes = async () =>
        (await side.store.getOrder(o.orderId))?.warnings.map((warning) => [
          warning.code,
          warning.details.sku ?? warning.details.externalStoreId ?? warning.details.check,
        ]);
      const [a, b, store] = [`A-${log.run}`, `B-${log.run}`, `S-${log.run}`];
      expect(await codes()).toEqual([
        ['STORE_MISSING', store],
        ['ARTICLE_MISSING', a],
        ['ARTICLE_MISSING', b],
        ['SUMS_DO_NOT_ADD_UP', 'payments'],
      ]);
      await applyInBatches(
        side.store,
        [log.articleSaved(a, { name: 'Shirt', attributes: { brand: 'Acme' } }), log.storeSaved(store, { name: 'City', country: 'SE' })],
        2,
      );
      expect(await codes()).toEqual([
        ['ARTICLE_MISSING', b],
        ['SUMS_DO_NOT_ADD_UP', 'payments'],
      ]);
      await applyInBatches(side.store, [log.articleSaved(b, { attributes: {} }), log.articleDeleted(a), log.storeDeleted(store)], 3);
      expect(await codes()).toEqual([
        ['STORE_MISSING', store],
        ['ARTICLE_MISSING', a],
        ['SUMS_DO_NOT_ADD_UP', 'payments'],
      ]);
      const listed = await side.store.listByContact(log.contactId('c'), 0, 10);
      expect(listed.items[0]?.warnings).toEqual((await side.store.getOrder(o.orderId))?.warnings);
      expect((await side.store.getOrder(o.orderId))?.warnings[0]).toEqual({
        code: 'STORE_MISSING',
        message: `store '${store}' is not in the store register`,
        details: { externalStoreId: store },
      });
    });

    describe('segments', () => {
      const line = (sku: string, extra: Partial<Order['lineItems']['items'][number]> = {}) => ({
        type: 'Purchase' as const,
        quantity: 1,
        article: { sku },
        totalPrice: 10,
        ...extra,
      });

      async function segmentSide() {
        const side = await fresh();
        const [c1, c2, c3, c4] = ['c1', 'c2', 'c3', 'c4'].map((n) => log.contactId(n)) as [string, string, string, string];
        const e4 = `e4-${log.run}@example.com`;
        const at = '2026-06-01T10:00:00+02:00';
        const events = [
          log.articleSaved('SKU-1', { name: 'Shirt', attributes: { brand: 'Acme', size: 40, eco: true } }),
          log.articleSaved('SKU-2', { attributes: { brand: 'Nordic', tags: ['Acme'], size: '40' } }),
          log.registered(
            order('o1', 'ContactId', c1, {
              status: 'Completed',
              totalPrice: 100,
              createdAt: at,
              lineItems: { items: [line('SKU-1'), line('SKU-2', { quantity: 3 })] },
            }),
          ),
          log.registered(
            order('o2', 'ContactId', c1, {
              status: 'Completed',
              totalPrice: 50,
              createdAt: '2025-01-01T00:00:00Z',
              lineItems: { items: [line('SKU-2')] },
            }),
          ),
          log.registered(
            order('o3', 'ContactId', c2, {
              status: 'InProgress',
              totalPrice: 70,
              createdAt: at,
              channel: 'Web',
              lineItems: { items: [line('SKU-1', { type: 'Return', returnDetails: { type: 'Complaint' } })] },
            }),
          ),
          log.registered(
            order('o4', 'Email', e4, { status: 'Completed', totalPrice: 30, createdAt: at, lineItems: { items: [line('SKU-3')] } }),
          ),
          log.registered(
            order('o5', 'ContactId', c3, { status: 'Completed', totalPrice: 999, createdAt: at, lineItems: { items: [line('SKU-1')] } }),
          ),
          log.deleted(log.orderId('o5')),
          log.registered(
            order('o6', 'ContactId', c2, { status: 'InProgress', totalPrice: 20, createdAt: at, lineItems: { items: [line('SKU-1')] } }),
          ),
          log.replaced(
            order('o6', 'ContactId', c2, { status: 'InProgress', totalPrice: 20, createdAt: at, lineItems: { items: [line('SKU-9')] } }),
          ),
          log.statusChanged(log.orderId('o6'), 'Completed'),
          log.deliveryChanged(log.orderId('o6'), 'Budbee'),
        ];
        await applyInBatches(side.store, events, 4);
        const run = (filter: unknown, having?: unknown, offset = 0, count = 10) =>
          side.segments.query(segment(filter, having), { offset, count, now: NOW });
        return { side, run, c1, c2, c4, e4 };
      }

      it('counts matched orders and distinct contacts, pages contacts by orderCount then contactId, applies having', async () => {
        const { run, c1, c2 } = await segmentSide();
        const completed = { field: 'status', op: 'eq', value: 'Completed' };
        // o1, o2 (c1), o4 (no contact yet), o6 (c2, completed after its replace); o5 is deleted
        expect(await run(completed)).toEqual({
          orderCount: 4,
          contactCount: 2,
          contacts: [
            { contactId: c1, orderCount: 2, totalPrice: 150 },
            { contactId: c2, orderCount: 1, totalPrice: 20 },
          ],
        });
        expect(await run(completed, undefined, 1, 1)).toEqual({
          orderCount: 4,
          contactCount: 2,
          contacts: [{ contactId: c2, orderCount: 1, totalPrice: 20 }],
        });
        expect(await run(completed, undefined, 5, 10)).toEqual({ orderCount: 4, contactCount: 2, contacts: [] });
        // with a having, orders without a contact are left out
        expect(await run(completed, { orderCount: { op: 'gte', value: 2 } })).toEqual({
          orderCount: 2,
          contactCount: 1,
          contacts: [{ contactId: c1, orderCount: 2, totalPrice: 150 }],
        });
        expect(await run(completed, { totalPrice: { op: 'lt', value: 10 } })).toEqual({ orderCount: 0, contactCount: 0, contacts: [] });
        expect(await run({ field: 'deliveryMethod', op: 'eq', value: 'Budbee' })).toMatchObject({
          orderCount: 1,
          contacts: [{ contactId: c2 }],
        });
        expect(await run({ field: 'createdAt', op: 'within', value: 'P30D' })).toMatchObject({ orderCount: 4, contactCount: 2 });
      });

      it('line conditions see the current lines only; article conditions the article register as it is now', async () => {
        const { side, run, c1, c2 } = await segmentSide();
        const brand = (op: string, value: unknown) => ({ line: { field: 'article.brand', op, value } });
        expect(await run({ line: { field: 'sku', op: 'eq', value: 'SKU-1' } })).toMatchObject({
          orderCount: 2,
          contacts: [{ contactId: c1 }, { contactId: c2 }],
        });
        expect(
          await run({
            line: {
              all: [
                { field: 'sku', op: 'eq', value: 'SKU-1' },
                { field: 'returnType', op: 'eq', value: 'Complaint' },
              ],
            },
          }),
        ).toMatchObject({ orderCount: 1, contacts: [{ contactId: c2 }] });
        expect(await run(brand('eq', 'Acme'))).toMatchObject({ orderCount: 2, contactCount: 2 });
        // absent articles and attributes pass ne, nin and exists false: o1 (SKU-2), o2, o4 (SKU-3), o6 (SKU-9)
        expect(await run(brand('ne', 'Acme'))).toMatchObject({ orderCount: 4, contactCount: 2 });
        expect(await run(brand('nin', ['Acme', 'Nordic']))).toMatchObject({ orderCount: 2 });
        expect(await run({ line: { field: 'article.eco', op: 'exists', value: false } })).toMatchObject({ orderCount: 4 });
        expect(await run(brand('contains', 'cm'))).toMatchObject({ orderCount: 2 });
        expect(await run(brand('startsWith', 'nORD'))).toMatchObject({ orderCount: 2 });
        // typed by the value: 40 matches the number, '40' the text; arrays never match
        expect(await run({ line: { field: 'article.size', op: 'eq', value: 40 } })).toMatchObject({ orderCount: 2 });
        expect(await run({ line: { field: 'article.size', op: 'eq', value: '40' } })).toMatchObject({
          orderCount: 2,
          contacts: [{ contactId: c1, orderCount: 2 }],
        });
        expect(await run({ line: { field: 'article.size', op: 'between', value: [39, 41] } })).toMatchObject({ orderCount: 2 });
        expect(await run({ line: { field: 'article.tags', op: 'exists', value: true } })).toMatchObject({ orderCount: 0 });
        expect(await run({ not: brand('eq', 'Acme') })).toMatchObject({ orderCount: 3 });
        // the register changes: SKU-3 becomes Acme, SKU-1 is deleted
        await applyInBatches(side.store, [log.articleSaved('SKU-3', { attributes: { brand: 'Acme' } }), log.articleDeleted('SKU-1')], 2);
        expect(await run(brand('eq', 'Acme'))).toEqual({ orderCount: 1, contactCount: 0, contacts: [] });
        expect(await run(brand('ne', 'Acme'))).toMatchObject({ orderCount: 4 }); // o1, o2, o3 (SKU-1 is gone), o6
      });

      it('an order whose contact registers later joins the contact in segments at once', async () => {
        const { side, run, c1, c2, c4, e4 } = await segmentSide();
        const completed = { field: 'status', op: 'eq', value: 'Completed' };
        expect(await run({ field: 'contactId', op: 'exists', value: false })).toMatchObject({ orderCount: 1, contactCount: 0 });
        await applyInBatches(side.store, [log.contactSaved(c4, { email: e4.toUpperCase() })], 1);
        expect(await run(completed)).toEqual({
          orderCount: 4,
          contactCount: 3,
          contacts: [
            { contactId: c1, orderCount: 2, totalPrice: 150 },
            { contactId: c2, orderCount: 1, totalPrice: 20 },
            { contactId: c4, orderCount: 1, totalPrice: 30 },
          ].sort((x, y) => y.orderCount - x.orderCount || (x.contactId < y.contactId ? -1 : 1)),
        });
        expect(await run({ field: 'contactId', op: 'eq', value: c4 })).toMatchObject({ orderCount: 1, contacts: [{ contactId: c4 }] });
        await applyInBatches(side.store, [log.contactDeleted(c4)], 1);
        expect(await run({ field: 'contactId', op: 'in', value: [c4] })).toMatchObject({ orderCount: 0 });
        expect(await run(completed)).toMatchObject({ orderCount: 4, contactCount: 2 });
      });
    });

    it('saved segments: save, get, list by name then segmentId, a save keeps the first createdAt, delete', async () => {
      const { saved } = await fresh();
      const at = (n: number) => `2026-01-0${n}T00:00:00.000Z`;
      const filter = {
        all: [
          { field: 'orderId', op: 'eq', value: '$where' },
          { field: 'status', op: 'in', value: ['Completed'] },
        ],
      };
      const make = (segmentId: string, name: string, n: number, having?: unknown): SavedSegment => ({
        segmentId,
        name,
        filter,
        ...(having !== undefined ? { having } : {}),
        createdAt: at(n),
        updatedAt: at(n),
      });
      await saved.save(make('s1', 'b', 1));
      await saved.save(make('s3', 'a', 2, { orderCount: { op: 'gte', value: 2 } }));
      await saved.save(make('s2', 'a', 3));
      expect(await saved.list(0, 10)).toEqual({
        items: [make('s2', 'a', 3), make('s3', 'a', 2, { orderCount: { op: 'gte', value: 2 } }), make('s1', 'b', 1)],
        totalCount: 3,
      });
      expect(await saved.list(1, 1)).toEqual({ items: [make('s3', 'a', 2, { orderCount: { op: 'gte', value: 2 } })], totalCount: 3 });
      expect(await saved.list(3, 10)).toEqual({ items: [], totalCount: 3 });
      // the definition is kept exactly as given, whatever its keys
      const odd = { ...make('s1', 'c', 9, { $gt: 1 }), filter: { $where: 'x', 'a.b': [1, { $ne: null }] } };
      await saved.save(odd);
      expect(await saved.get('s1')).toEqual({ ...odd, createdAt: at(1) });
      expect(await saved.delete('s1')).toBe(true);
      expect(await saved.delete('s1')).toBe(false);
      expect(await saved.get('s1')).toBeNull();
      expect((await saved.list(0, 10)).totalCount).toBe(2);
    });
  });
}
