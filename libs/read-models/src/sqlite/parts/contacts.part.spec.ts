import { describe, expect, it } from 'vitest';
import type { Order } from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';
import { SqliteReadModels } from '../sqlite-read-models';

const order = (orderId: string, matchKeyType: Order['contact']['matchKeyType'], matchKey: string, sku = 'A'): Order => ({
  orderId,
  contact: { matchKey, matchKeyType },
  status: 'InProgress',
  type: 'Purchase',
  currencyCode: 'SEK',
  totalPrice: 10,
  createdAt: '2026-01-01T00:00:00Z',
  externalStoreId: 'S-1',
  lineItems: { items: [{ type: 'Purchase', quantity: 1, article: { sku }, totalPrice: 10 }] },
});

/** A log: events numbered by position, revisions per stream. */
function log(...entries: [streamId: string, type: string, data: Record<string, unknown>][]): RecordedEvent[] {
  const revisions = new Map<string, number>();
  return entries.map(([streamId, type, data], index) => {
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    return { id: `e${index}`, streamId, revision, position: index + 1, type, data, metadata: {}, createdAt: '2026-01-02T00:00:00Z' };
  });
}

const registeredOrder = (o: Order): [string, string, Record<string, unknown>] => [`order-${o.orderId}`, 'OrderRegistered', { order: o }];
const savedContact = (id: string, value: Record<string, string>): [string, string, Record<string, unknown>] => [
  `contact-${id}`,
  'ContactSaved',
  { id, value },
];
const deletedContact = (id: string): [string, string, Record<string, unknown>] => [`contact-${id}`, 'ContactDeleted', { id }];

async function project(events: RecordedEvent[], batchSize: number) {
  const store = SqliteReadModels.open(':memory:');
  for (let i = 0; i < events.length; i += batchSize) {
    const batch = events.slice(i, i + batchSize);
    await store.applyBatch(batch, batch[batch.length - 1]!.position);
  }
  return store;
}

const snapshot = async (store: SqliteReadModels, orderIds: string[]) =>
  Promise.all(
    orderIds.map(async (id) => {
      const record = await store.getOrder(id);
      return { id, contactId: record?.contactId, warnings: record?.warnings.map((w) => w.code) };
    }),
  );

describe('contact resolution in the embedded read store', () => {
  const events = log(
    registeredOrder(order('o-early', 'Email', 'Ada@Example.com')),
    savedContact('c-ada', { email: 'ada@EXAMPLE.com' }),
    registeredOrder(order('o-late', 'MobilePhone', '0046 70 123 45 67')),
    savedContact('c-ada', { email: 'ada@example.com', mobilePhone: '+46701234567' }),
    savedContact('c-second', { email: 'ada@example.com' }),
    registeredOrder(order('o-member', 'MemberNumber', 'M-1')),
    savedContact('c-member', { memberNumber: 'M-1' }),
    deletedContact('c-member'),
    registeredOrder(order('o-direct', 'ContactId', 'c-unregistered')),
    [`article-A`, 'ArticleSaved', { id: 'A', value: { attributes: { brand: 'Acme' } } }],
  );
  const ids = ['o-early', 'o-late', 'o-member', 'o-direct'];

  it('links orders whichever comes first, keeps the first claimant of a shared key, unlinks on delete', async () => {
    const store = await project(events, 1);
    expect(await snapshot(store, ids)).toEqual([
      { id: 'o-early', contactId: 'c-ada', warnings: ['STORE_MISSING'] },
      { id: 'o-late', contactId: 'c-ada', warnings: ['STORE_MISSING'] },
      { id: 'o-member', contactId: null, warnings: ['CONTACT_MISSING', 'STORE_MISSING'] },
      { id: 'o-direct', contactId: 'c-unregistered', warnings: ['STORE_MISSING'] },
    ]);
    expect((await store.listByContact('c-ada', 0, 10)).items.map((r) => r.orderId).sort()).toEqual(['o-early', 'o-late']);
    const article = store.db.prepare('SELECT sku, name, attributes FROM article_register').all();
    expect(article).toEqual([{ sku: 'A', name: null, attributes: '{"brand":"Acme"}' }]);
    await store.close();
  });

  it('gives the same answer for any batching of the log (live or replayed)', async () => {
    const oneByOne = await snapshot(await project(events, 1), ids);
    for (const size of [2, 3, 4, events.length]) expect(await snapshot(await project(events, size), ids)).toEqual(oneByOne);
  });

  it("keeps the segmentation copy of each order's contact equal to the order view's, after every batch, for any batching", async () => {
    const all = log(...events.map((e): [string, string, Record<string, unknown>] => [e.streamId, e.type, e.data]), deletedContact('c-ada'));
    const differing = (store: SqliteReadModels) =>
      store.db
        .prepare(
          'SELECT o.order_id, o.contact_id AS seg, v.contact_id AS view FROM seg_orders o JOIN order_view v USING (order_id) WHERE o.contact_id IS NOT v.contact_id',
        )
        .all();
    for (const size of [1, 2, 3, all.length]) {
      const store = SqliteReadModels.open(':memory:');
      const linked = new Set<string>();
      for (let i = 0; i < all.length; i += size) {
        const batch = all.slice(i, i + size);
        await store.applyBatch(batch, batch[batch.length - 1]!.position);
        expect(differing(store)).toEqual([]);
        for (const row of store.db.prepare<[], { contact_id: string | null }>('SELECT contact_id FROM seg_orders').all())
          if (row.contact_id) linked.add(row.contact_id);
      }
      // the copy really moved: in the end c-second holds o-early (first c-ada's, re-linked by a contact event)
      expect(store.db.prepare("SELECT contact_id FROM seg_orders WHERE order_id = 'o-early'").get()).toEqual({ contact_id: 'c-second' });
      if (size === 1) expect(linked).toEqual(new Set(['c-ada', 'c-member', 'c-second', 'c-unregistered']));
      await store.close();
    }
  });

  it('hands a shared key to the next claimant when the first contact lets go of it', async () => {
    const store = await project(
      log(...events.map((e): [string, string, Record<string, unknown>] => [e.streamId, e.type, e.data]), deletedContact('c-ada')),
      3,
    );
    expect((await store.getOrder('o-early'))?.contactId).toBe('c-second');
    expect((await store.getOrder('o-late'))?.contactId).toBeNull();
    await store.close();
  });
});

describe('a read-model file from before the contact was copied into the segmentation rows', () => {
  it('gets seg_orders.contact_id filled from the order view when opened', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'rm-migrate-seg-'));
    const file = join(dir, 'read-models.sqlite');
    try {
      const first = SqliteReadModels.open(file);
      await first.applyBatch(
        log(registeredOrder(order('o-1', 'ContactId', 'c-1')), registeredOrder(order('o-2', 'Email', 'x@example.com'))),
        2,
      );
      // the shape of an older file: no contact column, indexes over order_id
      first.db
        .exec(`DROP INDEX seg_orders_by_created_contact; DROP INDEX seg_orders_by_status_contact; ALTER TABLE seg_orders DROP COLUMN contact_id;
        CREATE INDEX seg_orders_by_created ON seg_orders (deleted, created_at_ms, total_price, order_id);`);
      await first.close();
      const store = SqliteReadModels.open(file);
      expect(store.db.prepare('SELECT order_id, contact_id FROM seg_orders ORDER BY order_id').all()).toEqual([
        { order_id: 'o-1', contact_id: 'c-1' },
        { order_id: 'o-2', contact_id: null },
      ]);
      const indexes = store.db
        .prepare<[], { name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'seg_orders' AND sql IS NOT NULL ORDER BY name",
        )
        .all();
      expect(indexes.map((index) => index.name)).toEqual(['seg_orders_by_created_contact', 'seg_orders_by_status_contact']);
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a read-model file from before the contact register', () => {
  it('gets the match-key columns filled from its rows when opened', async () => {
    const Database = (await import('better-sqlite3')).default;
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'rm-migrate-'));
    const file = join(dir, 'read-models.sqlite');
    try {
      const old = new Database(file);
      old.exec(
        `CREATE TABLE order_view (order_id TEXT PRIMARY KEY, contact_id TEXT, created_at_ms INTEGER NOT NULL, deleted INTEGER NOT NULL, revision INTEGER NOT NULL, doc TEXT NOT NULL)`,
      );
      const doc = {
        orderId: 'o-old',
        contactId: null,
        order: order('o-old', 'Email', 'Old@Example.com'),
        version: 0,
        versionTag: 'x',
        revision: 0,
        deleted: false,
        createdAtMs: 0,
        updatedAt: '',
        warnings: [],
      };
      old.prepare('INSERT INTO order_view VALUES (?, ?, 0, 0, 0, ?)').run('o-old', null, JSON.stringify(doc));
      old.close();
      const store = SqliteReadModels.open(file);
      expect(store.db.prepare('SELECT match_key_type, match_key FROM order_view').get()).toEqual({
        match_key_type: 'Email',
        match_key: 'old@example.com',
      });
      await store.applyBatch(log(savedContact('c-old', { email: 'old@example.com' })), 1);
      expect((await store.getOrder('o-old'))?.contactId).toBe('c-old');
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
