/**
 * Lines by SKU in the embedded read store: a full-text table (SQLite FTS5, contentless, `detail=none`)
 * with one row per line of `seg_lines`, written and deleted with the line by the segmentation part
 * (@orders/read-models). Its row id packs the line's key, `order_seq << SKU_TERM_LINE_BITS | line_index`,
 * and its only token is `h` + the hex digits of the SKU's UTF-8 bytes + `t` + those of the line's type:
 * one token whatever characters the SKU has, exact (no case folding or splitting can merge two SKUs).
 * A SKU's lines of one type are one term; all its lines, its terms for each of the line types (a line
 * always has one of LINE_TYPES: the domain refuses others). Exact terms, not the prefix query `"h<hex>t" *`,
 * which measured 1.3–1.8× slower per SKU (docs/performance.md).
 *
 * Why not a B-tree index on `seg_lines (sku, …)`: every new line lands at the end of its SKU's run, a
 * leaf page of its own, so each registration dirtied ~3 random index pages (40 % of the read models'
 * writes). FTS5 collects a transaction's terms in memory and writes them as one sorted segment at the
 * commit, merging segments later (docs/performance.md, "Lines by SKU in a full-text index").
 */
export const SKU_TERMS_TABLE = 'seg_sku_terms';

/** Bits of the FTS row id that hold the line index (lines per order are far fewer: MAX_LINE_ITEMS). */
export const SKU_TERM_LINE_BITS = 16;

/** The FTS5 row id of line `lineIndex` of order `orderSeq` (SQL expressions). */
export const skuTermRowidSql = (orderSeq: string, lineIndex: string): string => `((${orderSeq} << ${SKU_TERM_LINE_BITS}) + ${lineIndex})`;

/** The term of a line (an SQL expression over its TEXT `sku` and `type`). */
export const skuTermSql = (sku: string, type: string): string => `('h' || hex(${sku}) || 't' || hex(${type}))`;

/** An FTS5 query (an SQL expression) matching exactly the lines of SKU `sku` and line type `type` (TEXT values). */
export const skuMatchSql = (sku: string, type: string): string => `('"h' || hex(${sku}) || 't' || hex(${type}) || '"')`;

/** The order seq of an FTS row id (SQL expression). */
export const skuTermOrderSeqSql = (rowid: string): string => `(${rowid} >> ${SKU_TERM_LINE_BITS})`;

/** The line index of an FTS row id (SQL expression). */
export const skuTermLineIndexSql = (rowid: string): string => `(${rowid} & ${(1 << SKU_TERM_LINE_BITS) - 1})`;
