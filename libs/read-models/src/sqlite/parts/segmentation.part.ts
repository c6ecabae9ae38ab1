import type Database from 'better-sqlite3';
import { ORDER_STREAM_PREFIX, type Order } from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';
import { paymentMask, SKU_TERMS_TABLE, skuTermRowidSql, skuTermSql } from '@orders/segmentation';
import { exists, replaceTable } from './schema-changes';
import type { BatchContext, BoundProjectionPart, SqliteProjectionPart, TableNamer } from './sqlite-projection-part';

/**
 * The segmentation read model (SPEC §6): the order fields a segment filters on (`seg_orders`) and the
 * lines (`seg_lines`, rewritten on every register/replace, keyed by the order's integer `seq`
 * so that line → order sets are small integer sets). Payment methods are a bit mask
 * (`payment_mask`, bits from @orders/segmentation). The resolved contact (`contact_id`) is a copy of
 * the order view's, kept in step with it (also when a contact registers later and the order view
 * re-links) so that a segment groups straight from the covering indexes without a join; article
 * attributes are joined from `article_register` (the articles part).
 * A deleted order keeps its row with `deleted = 1` and loses its lines. Rows are written from the
 * orders the order-view part folded in the same batch (BatchContext), so this part runs after it;
 * `revision` is that of the last change segmentation keeps (an action alone writes nothing here).
 */
interface LineTermRow {
  line_index: number;
  sku: string;
  type: string;
}

type TermWrite = [seq: number, lineIndex: number, sku: string, type: string];

/**
 * The SKU-term writes of one batch, written in row-id order at its end: FTS5 writes the terms it holds in
 * memory to a new segment whenever a row id is not above the last one written (a replaced order's older
 * seq, a line taken out and put back), and many small segments cost merges. A line whose term did not
 * change (same index, SKU and type) is left alone.
 */
class TermChanges {
  private readonly removals: TermWrite[] = [];
  private readonly additions: TermWrite[] = [];

  replace(seq: number, removed: readonly LineTermRow[], lines: readonly { article: { sku: string }; type: string }[]): void {
    const before = new Map(removed.map((line) => [line.line_index, line]));
    lines.forEach((line, index) => {
      const old = before.get(index);
      before.delete(index);
      if (old?.sku === line.article.sku && old.type === line.type) return;
      if (old) this.removals.push([seq, index, old.sku, old.type]);
      this.additions.push([seq, index, line.article.sku, line.type]);
    });
    for (const old of before.values()) this.removals.push([seq, old.line_index, old.sku, old.type]);
  }

  write(remove: Database.Statement<TermWrite>, add: Database.Statement<TermWrite>): void {
    const byRowid = (a: TermWrite, b: TermWrite) => a[0] - b[0] || a[1] - b[1];
    for (const write of this.removals.sort(byRowid)) remove.run(...write);
    for (const write of this.additions.sort(byRowid)) add.run(...write);
  }
}

export const segmentationPart: SqliteProjectionPart = {
  name: 'segmentation',
  streamPrefixes: [ORDER_STREAM_PREFIX],
  tables: ['seg_orders', 'seg_lines'],
  queryTables: [SKU_TERMS_TABLE],
  schema: (t) => `
    ${segOrdersTable(t('seg_orders'))}
    CREATE TABLE IF NOT EXISTS ${t('seg_lines')} (
      order_seq INTEGER NOT NULL,
      line_index INTEGER NOT NULL,
      sku TEXT NOT NULL,
      type TEXT NOT NULL,
      external_status TEXT,
      return_type TEXT,
      quantity REAL NOT NULL,
      total_price REAL NOT NULL,
      PRIMARY KEY (order_seq, line_index)
    ) WITHOUT ROWID;`,
  queryIndexes: (t) => `
    -- covering for the typical filter: status, date range, total, and the contact it groups by (seq, the
    -- rowid, comes with every index entry for the line probes)
    CREATE INDEX IF NOT EXISTS ${t('seg_orders_by_created_contact')} ON ${t('seg_orders')} (deleted, created_at_ms, total_price, contact_id);
    CREATE INDEX IF NOT EXISTS ${t('seg_orders_by_status_contact')} ON ${t('seg_orders')} (deleted, status, created_at_ms, total_price, contact_id);
    ${skuTermsSchema(t)}`,
  fillQueryTables: fillSkuTerms,
  migrate(db: Database.Database, t: TableNamer): void {
    addSkuTerms(db, t);
    addContactColumn(db, t);
    dropOrderIdIndex(db, t);
  },
  bind(db: Database.Database, t: TableNamer): BoundProjectionPart {
    // keyed by the order view's seq (FoldedOrder): a new order's row lands at the end of the table
    const upsert = db.prepare(
      `INSERT INTO ${t('seg_orders')} (seq, order_id, revision, deleted, status, type, external_status, created_at_ms, total_price,
         currency_code, channel, external_store_id, payment_mask, delivery_method, contact_id)
       VALUES (@seq, @orderId, @revision, @deleted, @status, @type, @externalStatus, @createdAtMs, @totalPrice, @currencyCode, @channel,
         @externalStoreId, @paymentMask, @deliveryMethod, @contactId)
       ON CONFLICT(seq) DO UPDATE SET order_id = excluded.order_id, revision = excluded.revision, deleted = excluded.deleted,
         status = excluded.status, type = excluded.type, external_status = excluded.external_status, created_at_ms = excluded.created_at_ms,
         total_price = excluded.total_price, currency_code = excluded.currency_code, channel = excluded.channel,
         external_store_id = excluded.external_store_id, payment_mask = excluded.payment_mask, delivery_method = excluded.delivery_method,
         contact_id = excluded.contact_id`,
    );
    const relink = db.prepare<[string | null, number]>(`UPDATE ${t('seg_orders')} SET contact_id = ? WHERE seq = ?`);
    const termsTable = t(SKU_TERMS_TABLE);
    // a rebuild replays without the terms and fills them at its swap (queryTables)
    const termWrites = !exists(db, termsTable)
      ? undefined
      : {
          add: db.prepare<TermWrite>(
            `INSERT INTO ${termsTable} (rowid, term) VALUES (${skuTermRowidSql('?', '?')}, ${skuTermSql('?', '?')})`,
          ),
          remove: db.prepare<TermWrite>(
            `INSERT INTO ${termsTable} (${termsTable}, rowid, term) VALUES ('delete', ${skuTermRowidSql('?', '?')}, ${skuTermSql('?', '?')})`,
          ),
        };
    // the removed lines' terms are read back only where terms are written
    const deleteLines = db.prepare<[number], LineTermRow>(
      `DELETE FROM ${t('seg_lines')} WHERE order_seq = ?${termWrites ? ' RETURNING line_index, sku, type' : ''}`,
    );
    const insertLine = db.prepare(
      `INSERT INTO ${t('seg_lines')} (order_seq, line_index, sku, type, external_status, return_type, quantity, total_price)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );

    return {
      apply(_events: readonly RecordedEvent[], batch: BatchContext): void {
        if (!batch.orders) throw new Error('the segmentation part must be applied after the order-view part');
        const terms = termWrites && new TermChanges();
        for (const { seq, record, contentChanged, fieldsChanged } of batch.orders.values()) {
          if (!fieldsChanged) continue; // an action moves only the revision: nothing segmentation keeps
          upsert.run(segmentOrderRow(seq, record.order, record.revision, record.contactId, record.deleted));
          // lines change only with the content; a deleted order keeps its row and loses its lines
          if (!contentChanged && !record.deleted) continue;
          const removed = termWrites ? deleteLines.all(seq) : (deleteLines.run(seq), []);
          const lines = record.deleted ? [] : record.order.lineItems.items;
          lines.forEach((line, index) =>
            insertLine.run(
              seq,
              index,
              line.article.sku,
              line.type,
              line.externalStatus ?? null,
              line.returnDetails?.type ?? null,
              line.quantity,
              line.totalPrice,
            ),
          );
          terms?.replace(seq, removed, lines);
        }
        if (terms && termWrites) terms.write(termWrites.remove, termWrites.add);
        for (const [seq, contactId] of batch.relinked ?? []) relink.run(contactId, seq);
      },
    };
  },
};

/**
 * The segment rows' table: one row per order, keyed by the order view's `seq` (order-view.part.ts), which also
 * finds an order's row by its id; `order_id` is a copy for the filters and the recent-orders listing, without an
 * index of its own (it was ~11 KB written per registration: docs/performance.md).
 */
const segOrdersTable = (name: string): string => `CREATE TABLE IF NOT EXISTS ${name} (
      seq INTEGER PRIMARY KEY,
      order_id TEXT NOT NULL,
      revision INTEGER NOT NULL,
      deleted INTEGER NOT NULL,
      status TEXT NOT NULL,
      type TEXT NOT NULL,
      external_status TEXT,
      created_at_ms INTEGER NOT NULL,
      total_price REAL NOT NULL,
      currency_code TEXT NOT NULL,
      channel TEXT,
      external_store_id TEXT,
      payment_mask INTEGER NOT NULL,
      delivery_method TEXT,
      contact_id TEXT
    );`;

const SEG_ORDER_COLUMNS =
  'seq, order_id, revision, deleted, status, type, external_status, created_at_ms, total_price, currency_code, channel, ' +
  'external_store_id, payment_mask, delivery_method, contact_id';

/** Files written before the contact moved into seg_orders: it is copied from the order view once. */
function addContactColumn(db: Database.Database, t: TableNamer): void {
  const columns = db.prepare<[], { name: string }>(`PRAGMA table_info(${t('seg_orders')})`).all();
  if (columns.length === 0 || columns.some((column) => column.name === 'contact_id')) return;
  db.exec(`ALTER TABLE ${t('seg_orders')} ADD COLUMN contact_id TEXT;
      UPDATE ${t('seg_orders')} SET contact_id = (SELECT v.contact_id FROM ${t('order_view')} v WHERE v.order_id = ${t('seg_orders')}.order_id);
      DROP INDEX IF EXISTS ${t('seg_orders_by_created')};
      DROP INDEX IF EXISTS ${t('seg_orders_by_status')};`);
}

/**
 * Files written before 2026-12-08 had `order_id UNIQUE` on seg_orders, an index SQLite cannot drop without
 * copying the table: the rows are copied once with their seq (the order view took the same numbers in its own
 * migration, which runs first), so the lines and the SKU terms stay as they are; the query indexes are built
 * again after the migration. Detected by the index's presence, so that opening a current file writes nothing.
 */
function dropOrderIdIndex(db: Database.Database, t: TableNamer): void {
  const unique = db
    .prepare<[string], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NULL")
    .get(t('seg_orders'));
  if (!unique) return;
  replaceTable(
    db,
    t('seg_orders'),
    segOrdersTable,
    (copy) => `INSERT INTO ${copy} (${SEG_ORDER_COLUMNS}) SELECT ${SEG_ORDER_COLUMNS} FROM ${t('seg_orders')}`,
  );
}

/**
 * Lines by SKU (a SKU set, or the SKUs an article test selects): the full-text table of @orders/segmentation's
 * sku-terms.ts. The part writes a line's term next to the line and takes it out when it deletes the line
 * (a contentless FTS5 table forgets what it indexed: the 'delete' command names the term again); a rebuild
 * replays without them and fills them in one statement at its swap (`queryTables`, `fillQueryTables`). Not by
 * triggers on `seg_lines`: a trigger's insert into the FTS5 table cost 8.2 µs a line against 2.5 µs for the
 * same insert as a statement of its own (docs/performance.md).
 */
function skuTermsSchema(t: TableNamer): string {
  return `CREATE VIRTUAL TABLE IF NOT EXISTS ${t(SKU_TERMS_TABLE)} USING fts5(term, content='', columnsize=0, detail=none);`;
}

/**
 * Files written before the SKU terms (2026-12-07) index lines by SKU in a B-tree (`seg_lines_by_sku`):
 * the terms are filled from the lines once and the index is dropped. Looked up first, so that opening a
 * current file takes no write lock.
 */
function addSkuTerms(db: Database.Database, t: TableNamer): void {
  if (!exists(db, t('seg_lines'))) return; // a new file: the schema creates everything
  if (!exists(db, t(SKU_TERMS_TABLE))) {
    db.exec(skuTermsSchema(t));
    fillSkuTerms(db, t);
  }
  if (exists(db, t('seg_lines_by_sku'))) db.exec(`DROP INDEX ${t('seg_lines_by_sku')}`);
}

/** Fills the (empty) SKU terms from the lines in one statement: one FTS5 segment, no merges. */
function fillSkuTerms(db: Database.Database, t: TableNamer): void {
  db.exec(`INSERT INTO ${t(SKU_TERMS_TABLE)} (rowid, term)
    SELECT ${skuTermRowidSql('order_seq', 'line_index')}, ${skuTermSql('sku', 'type')} FROM ${t('seg_lines')}`);
}

/** The `seg_orders` row of an order (named parameters of the upsert); `seq`: the order view's (FoldedOrder). */
export function segmentOrderRow(seq: number, order: Order, revision: number, contactId: string | null, deleted = false) {
  return {
    seq,
    orderId: order.orderId,
    revision,
    contactId,
    deleted: deleted ? 1 : 0,
    status: order.status,
    type: order.type,
    externalStatus: order.externalStatus ?? null,
    createdAtMs: Date.parse(order.createdAt.replace(/(\.\d{3})\d+/, '$1')),
    totalPrice: order.totalPrice,
    currencyCode: order.currencyCode,
    channel: order.channel ?? null,
    externalStoreId: order.externalStoreId ?? null,
    paymentMask: paymentMask((order.payments?.items ?? []).map((payment) => payment.method)),
    deliveryMethod: order.delivery?.method ?? null,
  };
}
