import type { ConditionNode, FilterNode, HavingCondition, Predicate, ScalarValue } from './segment-ast';
import { LINE_FIELDS, type LineFieldName, ORDER_FIELDS, type OrderFieldName, paymentMask } from './segment-fields';
import { startOfWithin } from './iso-duration';
import { articleSkuSelect, articleSql, articleTestNegated } from './compile-sql-article';
import { SKU_TERMS_TABLE, skuMatchSql, skuTermLineIndexSql, skuTermOrderSeqSql } from './sku-terms';
import { SQL_LOWER_FUNCTION } from './sql-functions';

/**
 * AST → parameterised SQL for the embedded read store (SQLite). Identifiers come only from the
 * tables below; every value is a `?` parameter. Every predicate is two-valued (never NULL), so
 * `NOT` means exactly "does not match" — the same as MongoDB's `$nor`.
 * Needs the scalar function `seg_lower` (sql-functions.ts) registered on the connection.
 */

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

export interface SqlCompileOptions {
  /** epoch ms that `within` counts back from */
  now: number;
}

const ORDER_COLUMNS: Record<OrderFieldName, string> = {
  orderId: 'o.order_id',
  contactId: 'o.contact_id',
  status: 'o.status',
  type: 'o.type',
  externalStatus: 'o.external_status',
  createdAt: 'o.created_at_ms',
  totalPrice: 'o.total_price',
  currencyCode: 'o.currency_code',
  channel: 'o.channel',
  externalStoreId: 'o.external_store_id',
  paymentMethod: 'o.payment_mask',
  deliveryMethod: 'o.delivery_method',
};

const LINE_COLUMNS: Record<LineFieldName, string> = {
  sku: 'l.sku',
  type: 'l.type',
  externalStatus: 'l.external_status',
  returnType: 'l.return_type',
  quantity: 'l.quantity',
  totalPrice: 'l.total_price',
};

const COMPARE: Record<string, string> = { eq: '=', ne: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };

class SqlBuilder {
  readonly params: unknown[] = [];
  /** set when the order-level conditions can use an index: then line SKU sets are only probed */
  orderIndexed = false;
  constructor(private readonly now: number) {}

  bind(value: unknown): string {
    this.params.push(typeof value === 'boolean' ? (value ? 1 : 0) : value);
    return '?';
  }

  list(values: readonly unknown[]): string {
    return `(${values.map((value) => this.bind(value)).join(', ')})`;
  }

  /** A column that is NULL when absent: wrap positive tests so that NULL gives false, not NULL. */
  column(col: string, optional: boolean, p: Predicate): string {
    const present = (test: string): string => (optional ? `(${col} IS NOT NULL AND ${test})` : test);
    switch (p.op) {
      case 'eq':
        return optional ? `${col} IS ${this.bind(p.value)}` : `${col} = ${this.bind(p.value)}`;
      case 'ne':
        return optional ? `${col} IS NOT ${this.bind(p.value)}` : `${col} <> ${this.bind(p.value)}`;
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        return present(`${col} ${COMPARE[p.op]} ${this.bind(p.value)}`);
      case 'in':
        return present(`${col} IN ${this.list(p.values)}`);
      case 'nin':
        return optional ? `(${col} IS NULL OR ${col} NOT IN ${this.list(p.values)})` : `${col} NOT IN ${this.list(p.values)}`;
      case 'between':
        return present(`${col} BETWEEN ${this.bind(p.low)} AND ${this.bind(p.high)}`);
      case 'exists':
        return `${col} IS ${p.value ? 'NOT ' : ''}NULL`;
      case 'contains':
        return present(`instr(${SQL_LOWER_FUNCTION}(${col}), ${this.bind(p.value.toLowerCase())}) > 0`);
      case 'startsWith':
        return present(`instr(${SQL_LOWER_FUNCTION}(${col}), ${this.bind(p.value.toLowerCase())}) = 1`);
      case 'within':
        return present(`${col} BETWEEN ${this.bind(startOfWithin(p.duration, this.now))} AND ${this.bind(this.now)}`);
    }
  }

  /** A set of enum values kept as a bit mask (`payment_mask`). */
  mask(col: string, p: Predicate): string {
    const bits = (values: readonly ScalarValue[]): number => paymentMask(values.map(String));
    switch (p.op) {
      case 'eq':
        return `(${col} & ${this.bind(bits([p.value]))}) <> 0`;
      case 'in':
        return `(${col} & ${this.bind(bits(p.values))}) <> 0`;
      case 'ne':
        return `(${col} & ${this.bind(bits([p.value]))}) = 0`;
      case 'nin':
        return `(${col} & ${this.bind(bits(p.values))}) = 0`;
      case 'exists':
        return `${col} ${p.value ? '<>' : '='} 0`;
      default:
        throw new Error(`operator ${p.op} is not defined on a set of values`);
    }
  }

  condition(node: ConditionNode): string {
    const { field, predicate } = node;
    if (field.scope === 'article') return articleSql((value) => this.bind(value), field.attribute, predicate);
    if (field.scope === 'line') return this.column(LINE_COLUMNS[field.name], LINE_FIELDS[field.name].optional, predicate);
    if (node.fieldKind === 'enumSet') return this.mask(ORDER_COLUMNS[field.name], predicate);
    // seg_orders has no order-id index: an order (or a few) by id is found through the order view's, by its seq
    if (field.name === 'orderId' && (predicate.op === 'eq' || predicate.op === 'in')) {
      const ids = 'values' in predicate ? predicate.values : [predicate.value];
      return `o.seq IN (SELECT v.seq FROM order_view v WHERE v.order_id IN ${this.list(ids)})`;
    }
    return this.column(ORDER_COLUMNS[field.name], ORDER_FIELDS[field.name].optional, predicate);
  }

  node(node: FilterNode): string {
    switch (node.kind) {
      case 'condition':
        return this.condition(node);
      case 'all':
        // line blocks last: the cheap column tests of the order decide first
        return `(${[...node.nodes]
          .sort((a, b) => Number(a.kind === 'line') - Number(b.kind === 'line'))
          .map((child) => this.node(child))
          .join(' AND ')})`;
      case 'any':
        return `(${node.nodes.map((child) => this.node(child)).join(' OR ')})`;
      case 'not':
        return `NOT (${this.node(node.node)})`;
      case 'line':
        return this.line(node.node);
    }
  }

  /**
   * A line block. When its lines must have a SKU from a known set (sku eq/in, a positive article test;
   * several intersect), the orders of those lines are collected once from the SKU terms (sku-terms.ts),
   * one term lookup per SKU and line type (the types the block requires, eq/in, or else every line type),
   * and joined to the lines by key only for the rest of the block. Otherwise the lines of each candidate order
   * are probed (the order-level conditions usually narrow those first). `+o.seq` is a planner hint only:
   * with an indexed date/status range on the order, scan that range and probe the set instead of fetching
   * every order of it by key.
   */
  private line(block: FilterNode): string {
    const conditions = conjuncts(block);
    const skuSets = conditions.filter(requiresSkuSet);
    if (skuSets.length === 0) return `EXISTS (SELECT 1 FROM seg_lines l WHERE l.order_seq = o.seq AND ${this.node(block)})`;
    const typeSet = conditions.find(requiresTypeSet);
    const rest = conditions.filter((node) => node !== typeSet && !requiresSkuSet(node));
    // parameters bind in text order: the SKU sets, then the types
    const skus = skuSets.map((node) => this.skuSet(node)).join(' INTERSECT ');
    // without a type condition, every line type (each line has one of LINE_TYPES): exact terms are cheaper than a prefix query
    const types = typeSet
      ? this.valueSet(typeSet, 'type')
      : `SELECT value AS type FROM json_each(${this.bind(JSON.stringify(LINE_FIELDS.type.values))})`;
    // CROSS JOIN fixes the order: each SKU of the set and each type, then its term, then (if needed) its lines
    const from = `(${skus}) k CROSS JOIN (${types}) ty CROSS JOIN ${SKU_TERMS_TABLE} s`;
    const match = `s.${SKU_TERMS_TABLE} MATCH ${skuMatchSql('k.sku', 'ty.type')}`;
    const orders =
      rest.length === 0
        ? `SELECT ${skuTermOrderSeqSql('s.rowid')} FROM ${from} WHERE ${match}`
        : `SELECT l.order_seq FROM ${from} CROSS JOIN seg_lines l WHERE ${match} AND l.order_seq = ${skuTermOrderSeqSql('s.rowid')}
           AND l.line_index = ${skuTermLineIndexSql('s.rowid')} AND ${rest.map((node) => this.node(node)).join(' AND ')}`;
    return `${this.orderIndexed ? '+' : ''}o.seq IN (${orders})`;
  }

  /** The SKUs a SKU-set condition requires, as a one-column `SELECT … sku` (text, as the column compares). */
  private skuSet(node: ConditionNode): string {
    const { field, predicate } = node;
    if (field.scope === 'article') return articleSkuSelect((value) => this.bind(value), field.attribute, predicate);
    return this.valueSet(node, 'sku');
  }

  /** The values of an eq/in condition as a one-column `SELECT … <name>`, as TEXT (the columns compare as text). */
  private valueSet(node: ConditionNode, name: string): string {
    const { predicate } = node;
    if (predicate.op === 'eq') return `SELECT CAST(${this.bind(predicate.value)} AS TEXT) AS ${name}`;
    if (predicate.op === 'in')
      return `SELECT CAST(value AS TEXT) AS ${name} FROM json_each(${this.bind(JSON.stringify(predicate.values))})`;
    throw new Error(`a set of values cannot come from ${predicate.op}`);
  }

  having(condition: HavingCondition): string {
    return this.column(condition.metric === 'orderCount' ? 'g.order_count' : 'g.total_price', false, condition.predicate);
  }
}

/** The conditions a line block requires together: the block itself, or the members of its `all`s. */
function conjuncts(node: FilterNode): FilterNode[] {
  return node.kind === 'all' ? node.nodes.flatMap(conjuncts) : [node];
}

/** A line condition that requires a SKU from a known set: sku eq/in, or a positive article test. */
function requiresSkuSet(node: FilterNode): node is ConditionNode {
  if (node.kind !== 'condition') return false;
  const { field, predicate } = node;
  if (field.scope === 'line') return field.name === 'sku' && (predicate.op === 'eq' || predicate.op === 'in');
  return field.scope === 'article' && !articleTestNegated(predicate);
}

/** A line condition that requires a line type from a known set (type eq/in). */
function requiresTypeSet(node: FilterNode): node is ConditionNode {
  return node.kind === 'condition' && node.field.scope === 'line' && node.field.name === 'type' && ['eq', 'in'].includes(node.predicate.op);
}

/** A required order condition the seg_orders indexes serve: a createdAt range, or status eq/in. */
function usesOrderIndex(node: FilterNode): boolean {
  if (node.kind !== 'condition' || node.field.scope !== 'order') return false;
  const { name } = node.field;
  const { op } = node.predicate;
  if (name === 'createdAt') return ['eq', 'gt', 'gte', 'lt', 'lte', 'between', 'within'].includes(op);
  return name === 'status' && (op === 'eq' || op === 'in');
}

/** The WHERE condition over `seg_orders o` for a filter. */
export function compileFilterSql(filter: FilterNode, options: SqlCompileOptions): SqlFragment {
  const builder = new SqlBuilder(options.now);
  builder.orderIndexed = (filter.kind === 'all' ? filter.nodes : [filter]).some(usesOrderIndex);
  const sql = builder.node(filter);
  return { sql, params: builder.params };
}

/** The condition over one contact group `g` (`order_count`, `total_price`) for `having`; `1` when empty. */
export function compileHavingSql(having: readonly HavingCondition[], options: SqlCompileOptions): SqlFragment {
  const builder = new SqlBuilder(options.now);
  const sql = having.length === 0 ? '1' : having.map((condition) => builder.having(condition)).join(' AND ');
  return { sql, params: builder.params };
}
