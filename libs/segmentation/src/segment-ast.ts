/**
 * The typed AST of a segment (SPEC §6), produced by `parseSegment` from untrusted JSON and consumed by
 * the SQL and MongoDB compilers. Every field reference here comes from the whitelist in
 * segment-fields.ts; every value has been checked against its field's kind and canonicalised
 * (enum casing, dates as epoch milliseconds).
 */
import type { IsoDuration } from './iso-duration';
import type { FieldKind, LineFieldName, OrderFieldName } from './segment-fields';

export type ScalarValue = string | number | boolean;

export type ComparisonOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte';
export type ListOp = 'in' | 'nin';
export type TextOp = 'contains' | 'startsWith';
export const OPERATORS = [
  'eq',
  'ne',
  'in',
  'nin',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'exists',
  'contains',
  'startsWith',
  'within',
] as const;
export type Operator = (typeof OPERATORS)[number];

/** Dates are epoch milliseconds; `within` is already resolved to `[now − duration, now]` by the compilers' `now`. */
export type Predicate =
  | { op: ComparisonOp; value: ScalarValue }
  | { op: ListOp; values: ScalarValue[] }
  | { op: 'between'; low: ScalarValue; high: ScalarValue }
  | { op: 'exists'; value: boolean }
  | { op: TextOp; value: string }
  | { op: 'within'; duration: IsoDuration };

export type FieldRef =
  | { scope: 'order'; name: OrderFieldName }
  | { scope: 'line'; name: LineFieldName }
  /** `article.<attribute>` of a line: from the article register, typed by the value it is compared with */
  | { scope: 'article'; attribute: string };

export interface ConditionNode {
  kind: 'condition';
  field: FieldRef;
  fieldKind: FieldKind;
  predicate: Predicate;
}

export type FilterNode =
  | ConditionNode
  | { kind: 'all'; nodes: FilterNode[] }
  | { kind: 'any'; nodes: FilterNode[] }
  | { kind: 'not'; node: FilterNode }
  /** at least one line of the order satisfies `node` (whose conditions are on line fields) */
  | { kind: 'line'; node: FilterNode };

export type HavingMetric = 'orderCount' | 'totalPrice';

export interface HavingCondition {
  metric: HavingMetric;
  predicate: Predicate;
}

export interface Segment {
  filter: FilterNode;
  /** all must hold per contact (over its matched orders) */
  having: HavingCondition[];
}
