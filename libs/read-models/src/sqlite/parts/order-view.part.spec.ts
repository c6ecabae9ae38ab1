import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { preparedPlans } from '../../testing/query-plans';
import { TestLog, testOrder } from '../../testing/read-model-log';
import { specFiles } from '../../testing/spec-files';
import { SqliteReadModels } from '../sqlite-read-models';
import { orderViewPart } from './order-view.part';

const { cleanup, tempFile } = specFiles('order-view-part');

const indexNames = (db: Database.Database): string[] =>
  db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'order_view' ORDER BY name")
    .all()
    .map((row) => row.name);

describe('order view part: indexes', () => {
  it('reads through an index in every statement it prepares for applying events (no scan of order_view)', async () => {
    const store = SqliteReadModels.open(':memory:');
    cleanup(() => store.close());
    const prepared = await preparedPlans(store.db, () => orderViewPart.bind(store.db, (table) => table));
    const plans = [...prepared].filter(([source]) => !source.startsWith('INSERT')).map(([source, plan]) => ({ source, plan }));
    expect(plans.length).toBeGreaterThanOrEqual(4);
    for (const { source, plan } of plans) expect(plan, source).not.toMatch(/SCAN order_view\b(?! USING)/);
    // re-linking by a contact key goes through the partial index of the orders keyed by such keys
    const byKey = plans.find(({ source }) => source.includes('match_key_type = ? AND match_key = ?'))!;
    expect(byKey.plan).toContain('order_view_by_contact_key');
  });

  it('keeps match-key entries only for orders keyed by a contact key, and re-links those when the contact registers', async () => {
    const store = SqliteReadModels.open(':memory:');
    cleanup(() => store.close());
    const log = new TestLog();
    const byId = log.registered(testOrder(log.orderId('by-id'), log.contactId('c-1')));
    const byEmail = log.registered(testOrder(log.orderId('by-mail'), 'someone@example.com', '2026-01-02T00:00:00Z', 'Email'));
    await store.applyBatch([byId, byEmail], log.head());
    const entries = store.db
      .prepare<[], { order_id: string }>(
        "SELECT order_id FROM order_view INDEXED BY order_view_by_contact_key WHERE match_key_type <> 'ContactId'",
      )
      .all();
    expect(entries.map((row) => row.order_id)).toEqual([log.orderId('by-mail')]);
    expect((await store.getOrder(log.orderId('by-mail')))?.contactId).toBeNull();

    const contact = log.contactSaved(log.contactId('c-2'), { email: 'Someone@Example.com' });
    await store.applyBatch([contact], log.head());
    expect((await store.getOrder(log.orderId('by-mail')))?.contactId).toBe(log.contactId('c-2'));
    expect((await store.getOrder(log.orderId('by-id')))?.contactId).toBe(log.contactId('c-1'));
  });

  it('drops the indexes an earlier version kept (the full match-key index, order_view_recent) when a file is opened', async () => {
    const file = tempFile();
    await SqliteReadModels.open(file).close();
    const older = new Database(file);
    older.exec(`CREATE INDEX order_view_by_match_key ON order_view (match_key_type, match_key);
      CREATE INDEX order_view_recent ON order_view (deleted, created_at_ms DESC, order_id);`);
    expect(indexNames(older)).toEqual(expect.arrayContaining(['order_view_by_match_key', 'order_view_recent']));
    older.close();

    const store = SqliteReadModels.open(file);
    cleanup(() => store.close());
    expect(indexNames(store.db)).not.toContain('order_view_by_match_key');
    expect(indexNames(store.db)).not.toContain('order_view_recent');
    expect(indexNames(store.db)).toContain('order_view_by_contact_key');
  });
});
