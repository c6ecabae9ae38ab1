import type { Segment } from './segment-ast';
import { compileFilterSql, compileHavingSql, type SqlCompileOptions, type SqlFragment } from './compile-sql';
import { TOTAL_PRICE_DECIMALS } from './segment-limits';

export interface SegmentSqlOptions extends SqlCompileOptions {
  offset: number;
  count: number;
}

/** One row of {@link compileSegmentSql}'s result. */
export interface SegmentSqlRow {
  contact_id: string | null;
  order_count: number;
  total_price: number;
  /** orders of every group that passed (the same on every row) */
  all_orders: number;
  /** contacts that passed (the same on every row) */
  all_contacts: number;
  /** 1-based rank: orderCount desc, then contactId; the no-contact group last */
  rn: number;
}

/**
 * The whole segment query in one statement over the embedded read store:
 * `seg_orders o` (not deleted, filter; the contact is a column of it, covered by its indexes), grouped per contact
 * (the per-contact total rounded to TOTAL_PRICE_DECIMALS, before `having` compares it).
 * Orders without a contact form one group (`contact_id` NULL) that counts in `all_orders` only, and
 * only when there is no `having` (a per-contact condition cannot hold for "no contact").
 * Returns the page rows plus the first-ranked row (so the totals are known even past the last page);
 * keep rows with `rn > offset`, `rn <= offset + count` and a contact.
 */
export function compileSegmentSql(segment: Segment, options: SegmentSqlOptions): SqlFragment {
  const where = compileFilterSql(segment.filter, options);
  const having = compileHavingSql(segment.having, options);
  const groupFilter = segment.having.length > 0 ? `g.contact_id IS NOT NULL AND ${having.sql}` : '1';
  const sql = `WITH m AS (
  SELECT o.contact_id AS contact_id, o.total_price AS total_price
  FROM seg_orders o
  WHERE o.deleted = 0 AND ${where.sql}
), g AS (
  SELECT contact_id, COUNT(*) AS order_count, ROUND(SUM(total_price), ${TOTAL_PRICE_DECIMALS}) AS total_price FROM m GROUP BY contact_id
), r AS (
  SELECT contact_id, order_count, total_price,
    SUM(order_count) OVER () AS all_orders,
    COUNT(contact_id) OVER () AS all_contacts,
    ROW_NUMBER() OVER (ORDER BY contact_id IS NULL, order_count DESC, contact_id) AS rn
  FROM g WHERE ${groupFilter}
)
SELECT contact_id, order_count, total_price, all_orders, all_contacts, rn FROM r
WHERE rn = 1 OR (rn > ? AND rn <= ?)
ORDER BY rn`;
  return {
    sql,
    params: [...where.params, ...(segment.having.length > 0 ? having.params : []), options.offset, options.offset + options.count],
  };
}

export interface SegmentAnswer {
  orderCount: number;
  contactCount: number;
  contacts: Array<{ contactId: string; orderCount: number; totalPrice: number }>;
}

/** The answer from the rows of {@link compileSegmentSql}. */
export function segmentAnswerFromRows(rows: readonly SegmentSqlRow[], offset: number, count: number): SegmentAnswer {
  const first = rows[0];
  const contacts = rows
    .filter((row) => row.contact_id !== null && row.rn > offset && row.rn <= offset + count)
    .map((row) => ({ contactId: row.contact_id!, orderCount: row.order_count, totalPrice: row.total_price }));
  return { orderCount: first?.all_orders ?? 0, contactCount: first?.all_contacts ?? 0, contacts };
}
