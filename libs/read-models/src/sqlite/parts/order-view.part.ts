import type Database from 'better-sqlite3';
import { CONTACT_STREAM_PREFIX, normalizeMatchKey, ORDER_STREAM_PREFIX } from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';
import { applyToOrderView } from '../../projections/order-view.projection';
import { referenceWarnings, type RegisterLookups } from '../../projections/reference-warnings';
import type { OrderPage, OrderReadModel, OrderViewRecord } from '../../read-model.port';
import { contactEventKeys, contactKeyLookup, orderContactResolver } from './contacts.part';
import { exists, replaceTable } from './schema-changes';
import type { BatchContext, BoundProjectionPart, FoldedOrder, SqliteProjectionPart, TableNamer } from './sqlite-projection-part';

interface DocRow {
  doc: string;
}

interface LinkRow {
  seq: number;
  order_id: string;
  contact_id: string | null;
  match_key_type: string;
  match_key: string | null;
}

/**
 * The orders keyed by a contact key (e-mail, member number, …), not by a contact id: the only ones re-linked
 * when a contact changes, and the condition of the partial match-key index (`order_view_by_contact_key`).
 * A query by match key names it too, so that SQLite can use that index.
 */
export const CONTACT_KEYED_ORDERS = "match_key_type <> 'ContactId'";

/**
 * The order view (E3), the contact listing (E1, an index over the same rows) and the integration log
 * (in the document). Runs after the contact part: an order's contact is resolved from the contact key
 * index when the order event is applied, and orders are relinked when a contact event changes who owns
 * their key — so the answer is the same whichever comes first, live or on a rebuild. It publishes the
 * orders it changed and re-linked in the batch context for the parts after it (segmentation).
 */
export const orderViewPart: SqliteProjectionPart = {
  name: 'order-view',
  streamPrefixes: [ORDER_STREAM_PREFIX, CONTACT_STREAM_PREFIX],
  tables: ['order_view'],
  schema: (t) => `
    ${orderViewTable(t('order_view'))}
    CREATE INDEX IF NOT EXISTS ${t('order_view_by_contact')}
      ON ${t('order_view')} (contact_id, deleted, created_at_ms DESC, order_id);
    CREATE INDEX IF NOT EXISTS ${t('order_view_by_contact_key')} ON ${t('order_view')} (match_key_type, match_key)
      WHERE ${CONTACT_KEYED_ORDERS};`,
  // both indexes stay in schema(): re-linking reads them while applying contact events. Only orders keyed by
  // a contact key (e-mail, member number, …) are re-linked, so the match-key index leaves out the orders keyed
  // by a contact id (most of them): a B-tree entry, and a dirtied page, fewer per registration. The console's
  // recent orders read the segmentation part's date index (SqliteListingQueries), not an index of their own.
  migrate(db, t) {
    addMatchKeyColumns(db, t);
    addSeq(db, t);
    dropIndexes(db, [t('order_view_by_match_key'), t('order_view_recent')]);
  },
  bind(db: Database.Database, t: TableNamer): BoundProjectionPart {
    // the stored records of a whole batch's orders in one statement (ids as a JSON array)
    const getMany = db.prepare<[string], DocRow & { order_id: string }>(
      `SELECT order_id, doc FROM ${t('order_view')} WHERE order_id IN (SELECT value FROM json_each(?))`,
    );
    // a new order takes the next seq (the end of the table); an existing one keeps its own
    const upsert = db.prepare<[string, string | null, number, number, number, string, string, string | null], { seq: number }>(
      `INSERT INTO ${t('order_view')} (order_id, contact_id, created_at_ms, deleted, revision, doc, match_key_type, match_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(order_id) DO UPDATE SET contact_id = excluded.contact_id, created_at_ms = excluded.created_at_ms,
         deleted = excluded.deleted, revision = excluded.revision, doc = excluded.doc,
         match_key_type = excluded.match_key_type, match_key = excluded.match_key
       RETURNING seq`,
    );
    const linkedTo = db.prepare<[string], LinkRow>(
      `SELECT seq, order_id, contact_id, match_key_type, match_key FROM ${t('order_view')} WHERE contact_id = ? AND ${CONTACT_KEYED_ORDERS}`,
    );
    const withKey = db.prepare<[string, string], LinkRow>(
      `SELECT seq, order_id, contact_id, match_key_type, match_key FROM ${t('order_view')}
       WHERE match_key_type = ? AND match_key = ? AND ${CONTACT_KEYED_ORDERS}`,
    );
    const relink = db.prepare<[string | null, string | null, number]>(
      `UPDATE ${t('order_view')} SET contact_id = ?, doc = json_set(doc, '$.contactId', ?) WHERE seq = ?`,
    );
    const lookup = contactKeyLookup(db, t);
    const resolve = orderContactResolver(lookup);
    const loadAll = (events: readonly RecordedEvent[]): Map<string, OrderViewRecord> => {
      const ids = new Set<string>();
      for (const event of events)
        if (event.streamId.startsWith(ORDER_STREAM_PREFIX)) ids.add(event.streamId.slice(ORDER_STREAM_PREFIX.length));
      const stored = new Map<string, OrderViewRecord>();
      if (ids.size > 0)
        for (const row of getMany.all(JSON.stringify([...ids]))) stored.set(row.order_id, JSON.parse(row.doc) as OrderViewRecord);
      return stored;
    };
    return {
      apply(events: readonly RecordedEvent[], batch: BatchContext): void {
        // each order's events folded once: one read and one write per order per batch
        const touched = new Map<string, { record: OrderViewRecord | null; changed: boolean; contentChanged: boolean }>();
        const contactChanges: NonNullable<ReturnType<typeof contactEventKeys>>[] = [];
        const stored = loadAll(events);
        for (const event of events) {
          if (event.streamId.startsWith(CONTACT_STREAM_PREFIX)) {
            const change = contactEventKeys(event);
            if (change) contactChanges.push(change);
            continue;
          }
          if (!event.streamId.startsWith(ORDER_STREAM_PREFIX)) continue;
          const orderId = event.streamId.slice(ORDER_STREAM_PREFIX.length);
          let entry = touched.get(orderId);
          if (!entry) touched.set(orderId, (entry = { record: stored.get(orderId) ?? null, changed: false, contentChanged: false }));
          const next = applyToOrderView(entry.record, event, resolve);
          if (next === entry.record) continue; // already applied (redelivery)
          entry.record = next;
          entry.changed = true;
          if (event.type === 'OrderRegistered' || event.type === 'OrderReplaced') entry.contentChanged = true;
        }
        const orders = new Map<string, FoldedOrder>();
        for (const [orderId, { record: r, changed, contentChanged }] of touched) {
          if (!r || !changed) continue;
          const { matchKeyType, matchKey } = r.order.contact;
          const { seq } = upsert.get(
            r.orderId,
            r.contactId,
            r.createdAtMs,
            r.deleted ? 1 : 0,
            r.revision,
            JSON.stringify(r),
            matchKeyType,
            normalizeMatchKey(matchKeyType, matchKey),
          )!;
          const before = stored.get(orderId);
          const fieldsChanged = !before || r.version !== before.version || r.deleted !== before.deleted || r.contactId !== before.contactId;
          orders.set(orderId, { seq, record: r, contentChanged, fieldsChanged });
        }
        batch.orders = orders;
        // the contact index already holds the batch's final state (its part runs first)
        const relinked = new Map<number, string | null>();
        for (const change of contactChanges) {
          // both queries return only orders keyed by a contact key (CONTACT_KEYED_ORDERS)
          const candidates = [...linkedTo.all(change.contactId), ...change.keys.flatMap((key) => withKey.all(key.type, key.value))];
          for (const row of candidates) {
            const contactId = row.match_key === null ? null : lookup(row.match_key_type, row.match_key);
            if (contactId !== row.contact_id) {
              relink.run(contactId, contactId, row.seq);
              relinked.set(row.seq, contactId);
            }
          }
        }
        batch.relinked = relinked;
      },
    };
  },
};

/**
 * The order view's table. `seq` (the row id) numbers the orders in the order they were first projected; the
 * segmentation part keys an order's segment row and lines by it, so that it needs no order-id index of its
 * own (docs/performance.md, "One order number across the read models").
 */
const orderViewTable = (name: string): string => `CREATE TABLE IF NOT EXISTS ${name} (
      seq INTEGER PRIMARY KEY,
      order_id TEXT NOT NULL UNIQUE,
      contact_id TEXT,
      created_at_ms INTEGER NOT NULL,
      deleted INTEGER NOT NULL,
      revision INTEGER NOT NULL,
      doc TEXT NOT NULL,
      match_key_type TEXT NOT NULL DEFAULT 'ContactId',
      match_key TEXT
    );`;

/**
 * Files written before 2026-12-08 keyed the order view by `order_id` alone, and the segmentation part numbered
 * its rows itself (`seg_orders.seq`, with an order-id index). The table is copied once into today's shape, each
 * order taking the number its segment row already has, so that the segment rows, their lines and the SKU terms
 * stay valid as they are (the segmentation part then drops its order-id index); an order without a segment row
 * (none are expected: both are written in one transaction) gets a number after all of them.
 */
function addSeq(db: Database.Database, t: TableNamer): void {
  const columns = db.prepare<[], { name: string }>(`PRAGMA table_info(${t('order_view')})`).all();
  if (columns.length === 0 || columns.some((column) => column.name === 'seq')) return;
  const segments = t('seg_orders');
  const numbered = exists(db, segments);
  const fields = ['order_id', 'contact_id', 'created_at_ms', 'deleted', 'revision', 'doc', 'match_key_type', 'match_key'];
  replaceTable(
    db,
    t('order_view'),
    orderViewTable,
    (copy) => `INSERT INTO ${copy} (seq, ${fields.join(', ')})
      SELECT ${numbered ? 's.seq' : 'NULL'}, ${fields.map((field) => `v.${field}`).join(', ')} FROM ${t('order_view')} v
      ${numbered ? `LEFT JOIN ${segments} s ON s.order_id = v.order_id ORDER BY s.seq IS NULL, s.seq` : ''}`,
  );
}

/**
 * The match-key columns came with the contact register: a file written before gets them here, filled
 * from each row's order (no contact events existed then, so every link stays as it was); the schema
 * adds their index.
 */
function addMatchKeyColumns(db: Database.Database, t: TableNamer): void {
  const columns = db.prepare<[], { name: string }>(`PRAGMA table_info(${t('order_view')})`).all();
  if (columns.length === 0 || columns.some((column) => column.name === 'match_key')) return;
  db.exec(`ALTER TABLE ${t('order_view')} ADD COLUMN match_key_type TEXT NOT NULL DEFAULT 'ContactId';
           ALTER TABLE ${t('order_view')} ADD COLUMN match_key TEXT;`);
  const fill = db.prepare<[string, string | null, string]>(
    `UPDATE ${t('order_view')} SET match_key_type = ?, match_key = ? WHERE order_id = ?`,
  );
  for (const row of db.prepare<[], DocRow>(`SELECT doc FROM ${t('order_view')}`).all()) {
    const { orderId, order } = JSON.parse(row.doc) as OrderViewRecord;
    fill.run(order.contact.matchKeyType, normalizeMatchKey(order.contact.matchKeyType, order.contact.matchKey), orderId);
  }
}

/**
 * Indexes an earlier version kept (2026-12-07: the full match-key index, and `order_view_recent`, whose
 * listing now reads `seg_orders_by_created_contact`). Looked up first, so that opening a current file
 * takes no write lock.
 */
function dropIndexes(db: Database.Database, names: readonly string[]): void {
  const exists = db.prepare<[string], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND name = ?");
  for (const name of names) if (exists.get(name)) db.exec(`DROP INDEX "${name}"`);
}

/** Queries over the order view tables; reference warnings are computed from the registers on read. */
export class SqliteOrderQueries implements OrderReadModel {
  private readonly get;
  private readonly page;
  private readonly count;
  private readonly lookups: RegisterLookups;

  constructor(db: Database.Database) {
    this.get = db.prepare<[string], DocRow>('SELECT doc FROM order_view WHERE order_id = ?');
    this.page = db.prepare<[string, number, number], DocRow>(
      `SELECT doc FROM order_view WHERE contact_id = ? AND deleted = 0
       ORDER BY created_at_ms DESC, order_id LIMIT +? OFFSET ?`,
    );
    this.count = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM order_view WHERE contact_id = ? AND deleted = 0');
    const article = db.prepare<[string], { sku: string }>('SELECT sku FROM article_register WHERE sku = ?');
    const store = db.prepare<[string], { store_id: string }>('SELECT store_id FROM store_register WHERE store_id = ?');
    this.lookups = {
      articleExists: (sku) => article.get(sku) !== undefined,
      storeExists: (id) => store.get(id) !== undefined,
    };
  }

  private withWarnings(doc: string): OrderViewRecord {
    const record = JSON.parse(doc) as OrderViewRecord;
    return { ...record, warnings: [...referenceWarnings(record.order, record.contactId, this.lookups), ...record.warnings] };
  }

  async getOrder(orderId: string): Promise<OrderViewRecord | null> {
    const row = this.get.get(orderId);
    return row ? this.withWarnings(row.doc) : null;
  }

  async listByContact(contactId: string, offset: number, count: number): Promise<OrderPage> {
    const totalCount = this.count.get(contactId)?.n ?? 0;
    const items = this.page.all(contactId, count, offset).map((row) => this.withWarnings(row.doc));
    return { items, totalCount };
  }
}
