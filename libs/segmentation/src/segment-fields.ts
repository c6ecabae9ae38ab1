import { LINE_TYPES, ORDER_STATUSES, ORDER_TYPES, PAYMENT_METHODS, RETURN_TYPES } from '@orders/domain/order';

/**
 * The whitelist of segmentable fields (SPEC §6) and what each accepts. Nothing outside this table
 * ever reaches a database as an identifier: the compilers map these names to columns / document paths.
 */
export type FieldKind =
  /** free text: eq/ne/in/nin exact (case-sensitive), contains/startsWith case-insensitive */
  | 'text'
  /** enum: values accepted case-insensitively, compared canonically */
  | 'enum'
  | 'number'
  /** ISO 8601 date-time with offset, compared as instants */
  | 'date'
  /** a set of enum values per order (`paymentMethod`: any payment) */
  | 'enumSet'
  /** `article.<attribute>` from the article register: string, number or boolean, typed by the value */
  | 'attribute';

export interface FieldSpec {
  kind: FieldKind;
  /** the column may be absent (SQL NULL / field missing in the MongoDB document) */
  optional: boolean;
  /** allowed values of enum / enumSet fields, in canonical casing */
  values?: readonly string[];
  /** canonicalises a text value (currency codes are upper case) */
  canonical?: (value: string) => string;
}

export const ORDER_FIELDS = {
  orderId: { kind: 'text', optional: false },
  contactId: { kind: 'text', optional: true },
  status: { kind: 'enum', optional: false, values: ORDER_STATUSES },
  type: { kind: 'enum', optional: false, values: ORDER_TYPES },
  externalStatus: { kind: 'text', optional: true },
  createdAt: { kind: 'date', optional: false },
  totalPrice: { kind: 'number', optional: false },
  currencyCode: { kind: 'text', optional: false, canonical: (value: string) => value.toUpperCase() },
  channel: { kind: 'text', optional: true },
  externalStoreId: { kind: 'text', optional: true },
  paymentMethod: { kind: 'enumSet', optional: true, values: PAYMENT_METHODS },
  deliveryMethod: { kind: 'text', optional: true },
} as const satisfies Record<string, FieldSpec>;

export const LINE_FIELDS = {
  sku: { kind: 'text', optional: false },
  type: { kind: 'enum', optional: false, values: LINE_TYPES },
  externalStatus: { kind: 'text', optional: true },
  returnType: { kind: 'enum', optional: true, values: RETURN_TYPES },
  quantity: { kind: 'number', optional: false },
  totalPrice: { kind: 'number', optional: false },
} as const satisfies Record<string, FieldSpec>;

export type OrderFieldName = keyof typeof ORDER_FIELDS;
export type LineFieldName = keyof typeof LINE_FIELDS;

export const ARTICLE_PREFIX = 'article.';
/** An article attribute name: safe as a JSON path segment and as a MongoDB field name. */
export const ARTICLE_ATTRIBUTE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
export const ATTRIBUTE_SPEC: FieldSpec = { kind: 'attribute', optional: true };

/** Operators each kind of field accepts. */
export const OPERATORS_BY_KIND: Record<FieldKind, readonly string[]> = {
  text: ['eq', 'ne', 'in', 'nin', 'exists', 'contains', 'startsWith'],
  enum: ['eq', 'ne', 'in', 'nin', 'exists'],
  number: ['eq', 'ne', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'between', 'exists'],
  date: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'exists', 'within'],
  enumSet: ['eq', 'ne', 'in', 'nin', 'exists'],
  attribute: ['eq', 'ne', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'between', 'exists', 'contains', 'startsWith'],
};

/** Operators of `having` (both metrics are numbers). */
export const HAVING_OPERATORS: readonly string[] = ['eq', 'ne', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'between'];

/** Bit of each payment method in `seg_orders.payment_mask` (an order's set of payment methods). */
export const PAYMENT_METHOD_BITS: ReadonlyMap<string, number> = new Map(PAYMENT_METHODS.map((method, index) => [method, 1 << index]));

export const paymentMask = (methods: Iterable<string>): number => {
  let mask = 0;
  for (const method of methods) mask |= PAYMENT_METHOD_BITS.get(method) ?? 0;
  return mask;
};
