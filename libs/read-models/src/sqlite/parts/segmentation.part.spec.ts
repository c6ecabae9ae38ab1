import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { compileSegmentSql, parseSegment, SKU_TERMS_TABLE, skuMatchSql, skuTermRowidSql, skuTermSql } from '@orders/segmentation';
import { TestLog, testOrder } from '../../testing/read-model-log';
import { specFiles } from '../../testing/spec-files';
import { SqliteSegmentQueries } from '../queries/segmentation-queries';
import { SqliteReadModels } from '../sqlite-read-models';

const NOW = Date.parse('2026-06-15T12:00:00Z');

const { cleanup, tempFile } = specFiles('segmentation-part');

/** SKUs that a tokenizer, a case fold or the FTS5 query syntax would mangle if they reached it as text. */
const ODD_SKUS = ['A', 'a', 'shirt 40', 'SHIRT 40', '"quoted" OR x*', 'NEAR(a b)', '-', 'Ångström-€/½', '😀', 'x'.repeat(255), 'ab', 'abc'];

const lineOf = (sku: string) => ({ type: 'Purchase' as const, quantity: 1, article: { sku }, totalPrice: 1 });

/** One order per SKU of ODD_SKUS (order i holds line ODD_SKUS[i], and a common line 'COMMON'). */
async function storeWithOddSkus(file = ':memory:') {
  const store = SqliteReadModels.open(file);
  cleanup(() => store.close());
  const log = new TestLog();
  const events = ODD_SKUS.map((sku, i) =>
    log.registered({ ...testOrder(log.orderId(`o${i}`), `c${i}`), lineItems: { items: [lineOf('COMMON'), lineOf(sku)] } }),
  );
  await store.applyBatch(events, events.at(-1)!.position);
  return { store, log };
}

function ordersWith(store: SqliteReadModels, filter: unknown): number {
  const parsed = parseSegment({ filter });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return new SqliteSegmentQueries(store.db).querySync(parsed.segment, { offset: 0, count: 100, now: NOW }).orderCount;
}

const skuIs = (value: string) => ({ line: { field: 'sku', op: 'eq', value } });

describe('segmentation part: lines by SKU', () => {
  it('finds the lines of a SKU exactly, whatever its characters (case, spaces, FTS syntax, any script, 1 to 255 characters)', async () => {
    const { store } = await storeWithOddSkus();
    for (const sku of ODD_SKUS) expect({ sku, orders: ordersWith(store, skuIs(sku)) }).toEqual({ sku, orders: 1 });
    expect(ordersWith(store, skuIs('COMMON'))).toBe(ODD_SKUS.length);
    expect(ordersWith(store, skuIs('Shirt 40'))).toBe(0);
    expect(ordersWith(store, skuIs('x'))).toBe(0);
    expect(ordersWith(store, { line: { field: 'sku', op: 'in', value: ['a', 'ab', 'nothing'] } })).toBe(2);
    const typed = (type: string) => ({ line: { all: [skuIs('a').line, { field: 'type', op: 'in', value: [type] }] } });
    expect(ordersWith(store, typed('Purchase'))).toBe(1);
    expect(ordersWith(store, typed('Return'))).toBe(0);
    // a block with more than the SKU and type joins the lines: both conditions hold for one line
    expect(ordersWith(store, { line: { all: [skuIs('a').line, { field: 'quantity', op: 'gte', value: 1 }] } })).toBe(1);
    expect(ordersWith(store, { line: { all: [skuIs('a').line, { field: 'quantity', op: 'gt', value: 1 }] } })).toBe(0);
  });

  it('takes a replaced line out of the terms and puts the new one in; a deleted order keeps none', async () => {
    const { store, log } = await storeWithOddSkus();
    const replaced = log.replaced({ ...testOrder(log.orderId('o0'), 'c0'), lineItems: { items: [lineOf('NEW-1')] } });
    const deleted = log.deleted(log.orderId('o1'));
    await store.applyBatch([replaced, deleted], deleted.position);
    expect(ordersWith(store, skuIs('A'))).toBe(0);
    expect(ordersWith(store, skuIs('a'))).toBe(0);
    expect(ordersWith(store, skuIs('NEW-1'))).toBe(1);
    expect(ordersWith(store, skuIs('COMMON'))).toBe(ODD_SKUS.length - 2);
    const rows = (sku: string) =>
      store.db
        .prepare(`SELECT count(*) AS n FROM ${SKU_TERMS_TABLE} WHERE ${SKU_TERMS_TABLE} MATCH ${skuMatchSql('?', "'Purchase'")}`)
        .get(sku) as {
        n: number;
      };
    expect(rows('COMMON').n).toBe(ODD_SKUS.length - 2);
    expect(rows('A').n).toBe(0);
  });

  it('reads a SKU set through the terms, not by scanning the lines', async () => {
    const { store } = await storeWithOddSkus();
    const planOf = (filter: unknown): string => {
      const parsed = parseSegment({ filter });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const { sql, params } = compileSegmentSql(parsed.segment, { now: NOW, offset: 0, count: 10 });
      new SqliteSegmentQueries(store.db); // registers the SQL functions the statement calls
      const rows = store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
      return rows.map((row) => row.detail).join('; ');
    };
    for (const filter of [
      skuIs('a'),
      { line: { field: 'sku', op: 'in', value: ['a', 'b'] } },
      { line: { field: 'article.brand', op: 'eq', value: 'Acme' } },
      { line: { all: [skuIs('a').line, { field: 'type', op: 'eq', value: 'Purchase' }] } },
    ]) {
      const plan = planOf(filter);
      expect(plan).toContain(`SCAN s VIRTUAL TABLE INDEX 0:M`);
      expect(plan).not.toMatch(/SCAN l\b|SCAN seg_lines/);
    }
    // a SKU and a line type are one term: no line is read; anything else about the line is read by key
    expect(planOf({ line: { all: [skuIs('a').line, { field: 'type', op: 'eq', value: 'Purchase' }] } })).not.toMatch(/(SCAN|SEARCH) l\b/);
    expect(planOf({ line: { all: [skuIs('a').line, { field: 'quantity', op: 'gt', value: 1 }] } })).toContain(
      'SEARCH l USING PRIMARY KEY (order_seq=? AND line_index=?)',
    );
  });

  it('fills the terms from the lines and drops the SKU index when it opens a file of the earlier layout', async () => {
    const file = tempFile();
    const { store } = await storeWithOddSkus(file);
    await store.close();
    const older = new Database(file);
    older.exec(`DROP TABLE ${SKU_TERMS_TABLE}; CREATE INDEX seg_lines_by_sku ON seg_lines (sku, type, order_seq);`);
    older.close();

    const reopened = SqliteReadModels.open(file);
    cleanup(() => reopened.close());
    const names = reopened.db
      .prepare<[], { name: string }>('SELECT name FROM sqlite_master')
      .all()
      .map((row) => row.name);
    expect(names).not.toContain('seg_lines_by_sku');
    expect(names).toContain(SKU_TERMS_TABLE);
    for (const sku of ODD_SKUS) expect({ sku, orders: ordersWith(reopened, skuIs(sku)) }).toEqual({ sku, orders: 1 });
    expect(ordersWith(reopened, skuIs('COMMON'))).toBe(ODD_SKUS.length);
  });
});

/** seq of every order in the order view and in the segment rows, by order id */
function seqs(db: Database.Database): { view: Record<string, number>; segments: Record<string, number> } {
  const byId = (table: string) =>
    Object.fromEntries(
      db
        .prepare<[], { order_id: string; seq: number }>(`SELECT order_id, seq FROM ${table}`)
        .all()
        .map((r) => [r.order_id, r.seq]),
    );
  return { view: byId('order_view'), segments: byId('seg_orders') };
}

const segOrderIndexes = (db: Database.Database): string[] =>
  db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'seg_orders' ORDER BY name")
    .all()
    .map((row) => row.name);

describe('segmentation part: rows keyed by the order view', () => {
  it("keys an order's segment row by the order view's seq, through updates and re-links, with no order-id index", async () => {
    const store = SqliteReadModels.open(':memory:');
    cleanup(() => store.close());
    const log = new TestLog();
    const first = log.registered(testOrder(log.orderId('first'), log.contactId('c-1')));
    const second = log.registered(testOrder(log.orderId('second'), 'buyer@example.com', '2026-01-02T00:00:00Z', 'Email'));
    await store.applyBatch([first, second], log.head());
    const moved = log.statusChanged(log.orderId('first'), 'Completed');
    const contact = log.contactSaved(log.contactId('c-2'), { email: 'buyer@example.com' });
    const third = log.registered(testOrder(log.orderId('third'), log.contactId('c-1')));
    await store.applyBatch([moved, contact, third], log.head());

    const { view, segments } = seqs(store.db);
    expect(segments).toEqual(view);
    expect(Object.values(view).sort()).toEqual([1, 2, 3]);
    const row = (orderId: string) =>
      store.db
        .prepare<[string], { status: string; contact_id: string | null }>('SELECT status, contact_id FROM seg_orders WHERE order_id = ?')
        .get(orderId)!;
    expect(row(log.orderId('first')).status).toBe('Completed');
    expect(row(log.orderId('second')).contact_id).toBe(log.contactId('c-2'));
    expect(segOrderIndexes(store.db)).toEqual(['seg_orders_by_created_contact', 'seg_orders_by_status_contact']);
    expect(ordersWith(store, { field: 'contactId', op: 'eq', value: log.contactId('c-2') })).toBe(1);
  });

  it("finds orders by id through the order view's index, not by scanning the segment rows", async () => {
    const { store, log } = await storeWithOddSkus();
    expect(ordersWith(store, { field: 'orderId', op: 'eq', value: log.orderId('o3') })).toBe(1);
    expect(ordersWith(store, { field: 'orderId', op: 'in', value: [log.orderId('o1'), log.orderId('o2'), 'no-such-order'] })).toBe(2);
    expect(ordersWith(store, { not: { field: 'orderId', op: 'eq', value: log.orderId('o3') } })).toBe(ODD_SKUS.length - 1);
    const parsed = parseSegment({ filter: { field: 'orderId', op: 'eq', value: log.orderId('o3') } });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const { sql, params } = compileSegmentSql(parsed.segment, { now: NOW, offset: 0, count: 10 });
    const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan).toContain('SEARCH v USING COVERING INDEX sqlite_autoindex_order_view_1 (order_id=?)');
    expect(plan).not.toMatch(/SCAN o\b(?! USING)/);
  });

  it('opens a file of the earlier layout (own seq, order-id index): orders keep the numbers of their lines and terms', async () => {
    const file = tempFile();
    const { store, log } = await storeWithOddSkus(file);
    await store.close();
    // the layout before 2026-12-08: the order view keyed by order id only; segment rows numbered on their own
    const older = new Database(file);
    const viewColumns = 'order_id, contact_id, created_at_ms, deleted, revision, doc, match_key_type, match_key';
    const segColumns =
      'order_id, revision, deleted, status, type, external_status, created_at_ms, total_price, currency_code, channel, external_store_id, payment_mask, delivery_method, contact_id';
    older.exec(`
      CREATE TABLE old_view (order_id TEXT PRIMARY KEY, contact_id TEXT, created_at_ms INTEGER NOT NULL, deleted INTEGER NOT NULL,
        revision INTEGER NOT NULL, doc TEXT NOT NULL, match_key_type TEXT NOT NULL DEFAULT 'ContactId', match_key TEXT);
      INSERT INTO old_view SELECT ${viewColumns} FROM order_view ORDER BY seq DESC;
      DROP TABLE order_view;
      ALTER TABLE old_view RENAME TO order_view;
      CREATE INDEX order_view_by_contact ON order_view (contact_id, deleted, created_at_ms DESC, order_id);
      CREATE TABLE old_seg (seq INTEGER PRIMARY KEY, order_id TEXT NOT NULL UNIQUE, revision INTEGER NOT NULL, deleted INTEGER NOT NULL,
        status TEXT NOT NULL, type TEXT NOT NULL, external_status TEXT, created_at_ms INTEGER NOT NULL, total_price REAL NOT NULL,
        currency_code TEXT NOT NULL, channel TEXT, external_store_id TEXT, payment_mask INTEGER NOT NULL, delivery_method TEXT, contact_id TEXT);
      INSERT INTO old_seg (seq, ${segColumns}) SELECT seq + 100, ${segColumns} FROM seg_orders;
      DROP TABLE seg_orders;
      ALTER TABLE old_seg RENAME TO seg_orders;
      CREATE INDEX seg_orders_by_created_contact ON seg_orders (deleted, created_at_ms, total_price, contact_id);
      UPDATE seg_lines SET order_seq = order_seq + 100;
      INSERT INTO ${SKU_TERMS_TABLE} (${SKU_TERMS_TABLE}) VALUES ('delete-all');
      INSERT INTO ${SKU_TERMS_TABLE} (rowid, term) SELECT ${skuTermRowidSql('order_seq', 'line_index')}, ${skuTermSql('sku', 'type')} FROM seg_lines;
      PRAGMA user_version = 1;`);
    const before = Object.fromEntries(
      older
        .prepare<[], { order_id: string; seq: number }>('SELECT order_id, seq FROM seg_orders')
        .all()
        .map((r) => [r.order_id, r.seq]),
    );
    expect(segOrderIndexes(older)).toContain('sqlite_autoindex_seg_orders_1');
    older.close();

    const reopened = SqliteReadModels.open(file);
    cleanup(() => reopened.close());
    expect(reopened.db.pragma('user_version', { simple: true })).toBe(2);
    const { view, segments } = seqs(reopened.db);
    expect(view).toEqual(before);
    expect(segments).toEqual(before);
    expect(segOrderIndexes(reopened.db)).toEqual(['seg_orders_by_created_contact', 'seg_orders_by_status_contact']);
    for (const sku of ODD_SKUS) expect({ sku, orders: ordersWith(reopened, skuIs(sku)) }).toEqual({ sku, orders: 1 });
    expect((await reopened.getOrder(log.orderId('o0')))?.order.orderId).toBe(log.orderId('o0'));

    // a new order after the migration: the next number, in both tables
    const next = log.registered(testOrder(log.orderId('after'), 'c-after'));
    await reopened.applyBatch([next], log.head());
    const after = seqs(reopened.db);
    expect(after.segments[log.orderId('after')]).toBe(after.view[log.orderId('after')]);
    expect(after.view[log.orderId('after')]).toBeGreaterThan(Math.max(...Object.values(before)));
    expect(ordersWith(reopened, skuIs('COMMON'))).toBe(ODD_SKUS.length);
    expect(ordersWith(reopened, skuIs('A'))).toBe(2);
  });

  it('refuses a file of a newer layout', async () => {
    const file = tempFile();
    await SqliteReadModels.open(file).close();
    const newer = new Database(file);
    newer.pragma('user_version = 3');
    newer.close();
    expect(() => SqliteReadModels.open(file)).toThrow(/has schema 3, newer than this service \(2\)/);
  });
});
