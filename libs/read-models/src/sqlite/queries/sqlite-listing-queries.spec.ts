import { afterEach, describe, expect, it } from 'vitest';
import { preparedPlans } from '../../testing/query-plans';
import { SqliteReadModels } from '../sqlite-read-models';
import { SqliteListingQueries } from './sqlite-listing-queries';

describe('SqliteListingQueries', () => {
  let store: SqliteReadModels | undefined;
  afterEach(async () => store?.close());

  /** every statement the queries prepare, with SQLite's plan for it */
  async function plans(): Promise<Map<string, string>> {
    store = SqliteReadModels.open(':memory:');
    const db = store.db;
    return preparedPlans(
      db,
      async () => {
        const listings = new SqliteListingQueries(db);
        await listings.contacts({}, 0, 1);
        await listings.contacts({ email: 'a@b.c', memberNumber: 'M' }, 0, 1);
      },
      { q: null, count: 1, offset: 0 },
    );
  }

  it('reads every listing through an index, never sorting a whole table', async () => {
    const found = await plans();
    expect(found.size).toBeGreaterThanOrEqual(11);
    for (const [source, plan] of found) {
      // pages come in index order (a GROUP BY over one contact's rows may use a small temporary tree)
      expect(plan, source).not.toContain('TEMP B-TREE FOR ORDER BY');
      // the article search reads the article register (one row per SKU) in key order; nothing else scans
      if (!source.includes('article_register')) expect(plan, source).not.toMatch(/SCAN (order_view|contact_keys)\b(?! USING)/);
    }
    const plan = (fragment: string) => [...found].find(([source]) => source.includes(fragment))![1];
    // recent orders: the segmentation part's date index in descending order, ties sorted among themselves only
    expect(plan('WHERE s.deleted = 0 ORDER BY')).toMatch(/SEARCH s USING (COVERING )?INDEX seg_orders_by_created_contact \(deleted=\?\)/);
    expect(plan('WHERE s.deleted = 0 ORDER BY')).toMatch(/SEARCH v USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(plan('COUNT(*) AS n FROM seg_orders WHERE deleted = 0')).toMatch(/USING COVERING INDEX seg_orders_by_/);
    expect(plan('GROUP BY')).toContain('order_view_by_contact');
    expect(plan('contact_id IN (SELECT contact_id FROM contact_keys WHERE key_type = ? AND key_value = ?) AND')).toMatch(
      /SEARCH contact_register USING INDEX .*SEARCH contact_keys USING (COVERING )?INDEX/,
    );
  });
});
