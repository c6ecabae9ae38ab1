import type { ConditionNode, FilterNode, HavingCondition, Predicate, ScalarValue, Segment } from './segment-ast';
import type { LineFieldName, OrderFieldName } from './segment-fields';
import { startOfWithin } from './iso-duration';
import { TOTAL_PRICE_DECIMALS } from './segment-limits';

/**
 * AST → MongoDB filter and aggregation pipeline over {@link SegmentOrderDocument}s. Field names come
 * only from the maps below (article attributes match /^[A-Za-z][A-Za-z0-9_]{0,63}$/, so never `$…` or
 * dotted); every value sits in an operator position (`$eq`, `$in`, `$gte`, …) as a typed literal —
 * strings, finite numbers, booleans, Dates — and text searches are escaped regular expressions.
 * No `$expr`, `$where` or `$function` is ever produced.
 */
export type MongoFilter = Record<string, unknown>;
export type MongoStage = Record<string, unknown>;

export interface MongoCompileOptions {
  /** epoch ms that `within` counts back from */
  now: number;
  /**
   * The SKUs an `article.<attribute>` condition selects, found beforehand in the article register with
   * {@link articleTests} (undefined: test `lines.article.<attribute>` denormalised into the document).
   * With it, the condition becomes `sku $in [SKUs whose article passes]`, or, for the tests an absent
   * article passes (ne, nin, exists false), `sku $nin [SKUs whose article fails]` — as the SQL does.
   */
  articleSkus?: (condition: ConditionNode) => readonly string[] | undefined;
}

const ORDER_PATHS: Record<OrderFieldName, string> = {
  orderId: 'orderId',
  contactId: 'contactId',
  status: 'status',
  type: 'type',
  externalStatus: 'externalStatus',
  createdAt: 'createdAt',
  totalPrice: 'totalPrice',
  currencyCode: 'currencyCode',
  channel: 'channel',
  externalStoreId: 'externalStoreId',
  paymentMethod: 'paymentMethods',
  deliveryMethod: 'deliveryMethod',
};

/** Paths inside one element of `lines` (used within `$elemMatch`). */
const LINE_PATHS: Record<LineFieldName, string> = {
  sku: 'sku',
  type: 'type',
  externalStatus: 'externalStatus',
  returnType: 'returnType',
  quantity: 'quantity',
  totalPrice: 'totalPrice',
};

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

function operand(path: string, p: Predicate, asDate: boolean, now: number): MongoFilter {
  const v = (value: ScalarValue): unknown => (asDate ? new Date(value as number) : value);
  switch (p.op) {
    case 'eq':
    case 'ne':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { [path]: { [`$${p.op}`]: v(p.value) } };
    case 'in':
    case 'nin':
      return { [path]: { [`$${p.op}`]: p.values.map(v) } };
    case 'between':
      return { [path]: { $gte: v(p.low), $lte: v(p.high) } };
    case 'exists':
      return { [path]: { $exists: p.value } };
    case 'contains':
      return { [path]: { $regex: escapeRegex(p.value), $options: 'i' } };
    case 'startsWith':
      return { [path]: { $regex: `^${escapeRegex(p.value)}`, $options: 'i' } };
    case 'within':
      return { [path]: { $gte: new Date(startOfWithin(p.duration, now)), $lte: new Date(now) } };
  }
}

function compileNode(node: FilterNode, options: MongoCompileOptions): MongoFilter {
  const { now } = options;
  switch (node.kind) {
    case 'all':
      return { $and: node.nodes.map((child) => compileNode(child, options)) };
    case 'any':
      return { $or: node.nodes.map((child) => compileNode(child, options)) };
    case 'not':
      return { $nor: [compileNode(node.node, options)] };
    case 'line':
      return { lines: { $elemMatch: compileNode(node.node, options) } };
    case 'condition': {
      const { field, predicate } = node;
      if (field.scope === 'article') {
        const skus = options.articleSkus?.(node);
        if (skus) return { [LINE_PATHS.sku]: { [passesWhenAbsent(predicate) ? '$nin' : '$in']: [...skus] } };
        return operand(`article.${field.attribute}`, predicate, false, now);
      }
      if (field.scope === 'line') return operand(LINE_PATHS[field.name], predicate, false, now);
      if (node.fieldKind === 'enumSet' && predicate.op === 'exists')
        return { [`${ORDER_PATHS[field.name]}.0`]: { $exists: predicate.value } };
      return operand(ORDER_PATHS[field.name], predicate, node.fieldKind === 'date', now);
    }
  }
}

/** The `$match` filter of the orders a segment's filter selects (deleted orders excluded). */
export function compileFilterMongo(filter: FilterNode, options: MongoCompileOptions): MongoFilter {
  return { $and: [{ deleted: { $ne: true } }, compileNode(filter, options)] };
}

/** ne, nin and exists false hold for a line whose article is not in the register (or lacks the attribute). */
const passesWhenAbsent = (p: Predicate): boolean => p.op === 'ne' || p.op === 'nin' || (p.op === 'exists' && !p.value);

/** The test an article must pass for a positive condition, or fail for one that {@link passesWhenAbsent}. */
function positive(p: Predicate): Predicate {
  if (p.op === 'ne') return { op: 'eq', value: p.value };
  if (p.op === 'nin') return { op: 'in', values: p.values };
  if (p.op === 'exists') return { op: 'exists', value: true };
  return p;
}

/** One `article.<attribute>` condition of a filter and the register filter that finds its SKUs. */
export interface ArticleTest {
  condition: ConditionNode;
  /**
   * Filter over article-register documents whose `<attributesPath>.<attribute>` holds the entry's
   * scalar attributes (strings, finite numbers, booleans only): the SKUs (`_id`) it matches are the
   * articles that pass (`$in`), or for ne/nin/exists false, that fail (`$nin`), the condition.
   */
  registerFilter: MongoFilter;
  /** same attribute and register test: conditions with equal keys select the same SKUs */
  key: string;
  /** JSON path of the condition in the segment (`filter.all[1].line.any[0]`), as parseSegment names it */
  path: string;
}

/**
 * Every `article.<attribute>` condition of a filter with the register filter of its SKU set, so that a
 * pipeline can test articles as the register is now (see MongoCompileOptions.articleSkus). The
 * attribute name is from the grammar (/^[A-Za-z][A-Za-z0-9_]{0,63}$/); values stay literals.
 */
export function articleTests(
  filter: FilterNode,
  options: MongoCompileOptions & { attributesPath: string; /** 'filter' unless told */ filterPath?: string },
): ArticleTest[] {
  const tests: ArticleTest[] = [];
  const visit = (node: FilterNode, path: string): void => {
    if (node.kind === 'all' || node.kind === 'any') node.nodes.forEach((child, index) => visit(child, `${path}.${node.kind}[${index}]`));
    else if (node.kind === 'not' || node.kind === 'line') visit(node.node, `${path}.${node.kind}`);
    else if (node.field.scope === 'article') {
      const registerFilter = operand(`${options.attributesPath}.${node.field.attribute}`, positive(node.predicate), false, options.now);
      tests.push({ condition: node, registerFilter, key: JSON.stringify(registerFilter), path });
    }
  };
  visit(filter, options.filterPath ?? 'filter');
  return tests;
}

const havingFilter = (having: readonly HavingCondition[], now: number): MongoFilter[] =>
  having.map((condition) => operand(condition.metric, condition.predicate, false, now));

/**
 * The whole segment as one aggregation over the segmentation collection. Result: one document
 * `{ totals: [{ orderCount, contactCount }] (empty when nothing matched), contacts: [{ _id: contactId, orderCount, totalPrice }] }`.
 */
export function compileSegmentPipeline(segment: Segment, options: MongoCompileOptions & { offset: number; count: number }): MongoStage[] {
  const groups: MongoStage[] = [
    { $match: compileFilterMongo(segment.filter, options) },
    { $group: { _id: '$contactId', orderCount: { $sum: 1 }, totalPrice: { $sum: '$totalPrice' } } },
    { $set: { totalPrice: { $round: ['$totalPrice', TOTAL_PRICE_DECIMALS] } } },
  ];
  if (segment.having.length > 0) groups.push({ $match: { $and: [{ _id: { $ne: null } }, ...havingFilter(segment.having, options.now)] } });
  return [
    ...groups,
    {
      $facet: {
        totals: [
          {
            $group: {
              _id: null,
              orderCount: { $sum: '$orderCount' },
              contactCount: { $sum: { $cond: [{ $eq: ['$_id', null] }, 0, 1] } },
            },
          },
        ],
        contacts: [
          { $match: { _id: { $ne: null } } },
          { $sort: { orderCount: -1, _id: 1 } },
          { $skip: options.offset },
          { $limit: options.count },
        ],
      },
    },
  ];
}

export interface SegmentPipelineResult {
  totals: Array<{ orderCount: number; contactCount: number }>;
  contacts: Array<{ _id: string; orderCount: number; totalPrice: number }>;
}
