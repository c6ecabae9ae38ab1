import type Database from 'better-sqlite3';
import { CONTACT_KEY_FIELDS, type ContactEntry } from '@orders/domain';
import {
  type ArticleListItem,
  type ContactListFilter,
  type ContactListItem,
  type ContactOrderSummary,
  contactListItem,
  type Listing,
  type ListingQueries,
  type StoreListItem,
  type SummaryGroup,
  summarizeOrders,
} from '../../listing.port';
import type { OrderPage, OrderViewRecord } from '../../read-model.port';

type ArticleParams = { q: string | null; count: number; offset: number };
type ContactRow = { contact_id: string; doc: string };
type Statements = { page: Database.Statement<unknown[], ContactRow>; count: Database.Statement<unknown[], { n: number }> };

/**
 * The console's listings over the embedded read store. Registers page in primary-key order; a contact
 * filter goes through the `contact_keys` primary key; recent orders through `seg_orders_by_created_contact`; a
 * contact's summary through `order_view_by_contact`. An article search (`q`) is the one scan: it reads
 * the article register (one row per SKU), never orders.
 */
export class SqliteListingQueries implements ListingQueries {
  private readonly contactStatements = new Map<string, Statements>();
  private readonly articlePage;
  private readonly articleCount;
  private readonly storePage;
  private readonly storeCount;
  private readonly recentPage;
  private readonly recentCount;
  private readonly summary;

  constructor(private readonly db: Database.Database) {
    // SQLite's lower() folds ASCII only; the search folds like JavaScript (and MongoDB's /i) do
    db.function('console_lower', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? text.toLowerCase() : null));
    const matches = `(@q IS NULL OR instr(console_lower(sku), @q) > 0 OR instr(console_lower(name), @q) > 0)`;
    this.articlePage = db.prepare<[ArticleParams], { sku: string; name: string | null; attributes: string | null }>(
      `SELECT sku, name, attributes FROM article_register WHERE ${matches} ORDER BY sku LIMIT +@count OFFSET @offset`,
    );
    this.articleCount = db.prepare<[{ q: string | null }], { n: number }>(`SELECT COUNT(*) AS n FROM article_register WHERE ${matches}`);
    this.storePage = db.prepare<[number, number], { store_id: string; name: string | null; country: string | null }>(
      'SELECT store_id, name, country FROM store_register ORDER BY store_id LIMIT +? OFFSET ?',
    );
    this.storeCount = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM store_register');
    // through the segmentation part's date index, which has the same rows (an order and its segment row are
    // written in one batch): the order view keeps no date index of its own, one B-tree fewer per registration.
    // Ties on the date are put in order_id order by a small sort of the tied rows only.
    this.recentPage = db.prepare<[number, number], { doc: string }>(
      `SELECT v.doc FROM seg_orders s JOIN order_view v ON v.seq = s.seq
       WHERE s.deleted = 0 ORDER BY s.created_at_ms DESC, s.order_id LIMIT +? OFFSET ?`,
    );
    this.recentCount = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM seg_orders WHERE deleted = 0');
    this.summary = db.prepare<[string], SummaryGroup>(
      `SELECT json_extract(doc, '$.order.currencyCode') AS currencyCode, COUNT(*) AS orderCount,
         SUM(json_extract(doc, '$.order.status') = 'Completed') AS completedCount,
         SUM(json_extract(doc, '$.order.type') = 'Return') AS returnCount,
         TOTAL(json_extract(doc, '$.order.totalPrice')) AS totalPrice
       FROM order_view WHERE contact_id = ? AND deleted = 0 GROUP BY 1`,
    );
  }

  async contacts(filter: ContactListFilter, offset: number, count: number): Promise<Listing<ContactListItem>> {
    const keys = (Object.keys(CONTACT_KEY_FIELDS) as (keyof typeof CONTACT_KEY_FIELDS)[])
      .filter((field) => field !== 'socialSecurityNumber' && filter[field] !== undefined)
      .map((field) => [CONTACT_KEY_FIELDS[field], filter[field as keyof ContactListFilter]!] as const);
    const statements = this.contactQuery(keys.length === 0 ? '' : keys.map(([type]) => type).join(','), keys.length);
    const params = keys.flatMap(([type, value]) => [type, value]);
    const totalCount = statements.count.get(...params)?.n ?? 0;
    const items = statements.page
      .all(...params, count, offset)
      .map((row) => contactListItem(row.contact_id, JSON.parse(row.doc) as ContactEntry));
    return { items, totalCount };
  }

  /** one pair of statements per combination of filtered key types (at most 2⁴) */
  private contactQuery(shape: string, keyCount: number): Statements {
    let statements = this.contactStatements.get(shape);
    if (!statements) {
      const holds = 'contact_id IN (SELECT contact_id FROM contact_keys WHERE key_type = ? AND key_value = ?)';
      const where = keyCount === 0 ? '' : `WHERE ${Array.from({ length: keyCount }, () => holds).join(' AND ')}`;
      statements = {
        page: this.db.prepare(`SELECT contact_id, doc FROM contact_register ${where} ORDER BY contact_id LIMIT +? OFFSET ?`),
        count: this.db.prepare(`SELECT COUNT(*) AS n FROM contact_register ${where}`),
      };
      this.contactStatements.set(shape, statements);
    }
    return statements;
  }

  async articles(q: string | undefined, offset: number, count: number): Promise<Listing<ArticleListItem>> {
    const needle = q === undefined ? null : q.toLowerCase();
    const totalCount = this.articleCount.get({ q: needle })?.n ?? 0;
    const items = this.articlePage.all({ q: needle, count, offset }).map((row) => ({
      sku: row.sku,
      ...(row.name !== null ? { name: row.name } : {}),
      attributes: row.attributes ? (JSON.parse(row.attributes) as Record<string, unknown>) : {},
    }));
    return { items, totalCount };
  }

  async stores(offset: number, count: number): Promise<Listing<StoreListItem>> {
    const items = this.storePage.all(count, offset).map((row) => ({
      externalStoreId: row.store_id,
      ...(row.name !== null ? { name: row.name } : {}),
      ...(row.country !== null ? { country: row.country } : {}),
    }));
    return { items, totalCount: this.storeCount.get()?.n ?? 0 };
  }

  async recentOrders(offset: number, count: number): Promise<OrderPage> {
    const items = this.recentPage.all(count, offset).map((row) => JSON.parse(row.doc) as OrderViewRecord);
    return { items, totalCount: this.recentCount.get()?.n ?? 0 };
  }

  async contactOrderSummary(contactId: string): Promise<ContactOrderSummary> {
    return summarizeOrders(contactId, this.summary.all(contactId));
  }
}
