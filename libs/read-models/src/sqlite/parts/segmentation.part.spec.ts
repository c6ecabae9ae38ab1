import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { compileSegmentSql, parseSegment, SKU_TERMS_TABLE, skuMatchSql } from '@orders/segmentation';
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
