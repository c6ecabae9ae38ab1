/**
 * A whole order (SPEC §3) from what a client sent, checked field by field and written in canonical form.
 *
 * The input is typed as `OrderInput` but is treated as `unknown`: it may come straight from a JSON body.
 * All errors are collected (key = JSON path, e.g. `lineItems.items[2].article.sku`). The output object is
 * built field by field from known names only, so unknown keys (`__proto__`, `constructor`, a client-sent
 * `type` or `versionTag`) never reach it, and optional fields that are absent are omitted, not `undefined`.
 */
import type { FieldErrors } from './field-errors';
import { ORDER_STATUSES, type LineItem, type Order, type OrderInput, type OrderStatus, type OrderType } from './order';
import { canonicalCurrencyCode } from './iso-4217';
import { addError, defined, hasErrors, isAbsent, isPlainObject, readAmount, readDateTime, readEnum, readId, readText } from './field-rules';
import { readDiscount, readFee, readItemsWrapper, readPayment, readTax } from './normalize-amounts';
import { readLineItems } from './normalize-line-items';
import { readAddress, readContact, readDelivery, readReferences } from './normalize-parts';
import { ID_MAX } from './order-id-rules';

export interface NormalizeContext {
  /** ISO 8601 date-time of now: the default `createdAt` of a new order */
  now: string;
  /** the order being replaced: its `createdAt` is kept when the replacement omits it */
  previous?: Order;
}

export type NormalizeResult = { ok: true; order: Order } | { ok: false; errors: FieldErrors };

export const ORDER_ID_MAX = ID_MAX;

export function normalizeOrder(input: OrderInput, ctx: NormalizeContext): NormalizeResult {
  const body: unknown = input;
  if (!isPlainObject(body)) return { ok: false, errors: { '': ['the order must be a JSON object'] } };
  const errors: FieldErrors = {};

  const lineItems = readLineItems(errors, 'lineItems', body['lineItems']);
  const order = defined({
    orderId: readOrderId(errors, 'orderId', body['orderId']) as string,
    type: lineItems === undefined ? 'Purchase' : orderTypeOf(lineItems.items),
    contact: readContact(errors, 'contact', body['contact'])!,
    status: readOrderStatus(errors, 'status', body['status'], true) as OrderStatus,
    externalStatus: readExternalStatus(errors, 'externalStatus', body['externalStatus']),
    currencyCode: readCurrencyCode(errors, 'currencyCode', body['currencyCode']) as string,
    totalPrice: readAmount(errors, 'totalPrice', body['totalPrice'], true) as number,
    createdAt: readDateTime(errors, 'createdAt', body['createdAt'], false) ?? ctx.previous?.createdAt ?? ctx.now,
    lastChangedAt: readDateTime(errors, 'lastChangedAt', body['lastChangedAt'], false),
    references: readReferences(errors, 'references', body['references']),
    externalStoreId: readText(errors, 'externalStoreId', body['externalStoreId'], { max: 100 }),
    channel: readText(errors, 'channel', body['channel'], { max: 100 }),
    lineItems: lineItems!,
    payments: readItemsWrapper(errors, 'payments', body['payments'], readPayment),
    discounts: readItemsWrapper(errors, 'discounts', body['discounts'], readDiscount),
    taxes: readItemsWrapper(errors, 'taxes', body['taxes'], readTax),
    fees: readItemsWrapper(errors, 'fees', body['fees'], readFee),
    delivery: readDelivery(errors, 'delivery', body['delivery']),
    billingAddress: readAddress(errors, 'billingAddress', body['billingAddress']),
    shippingAddress: readAddress(errors, 'shippingAddress', body['shippingAddress']),
  });
  return hasErrors(errors) ? { ok: false, errors } : { ok: true, order };
}

/** `Purchase` if at least one line is a purchase (even with returns), `Return` if only returns. */
export const orderTypeOf = (items: readonly LineItem[]): OrderType =>
  items.some((line) => line.type === 'Purchase') ? 'Purchase' : 'Return';

/**
 * Client-defined, 1–100 characters, not blank, without control characters or lone surrogates, and
 * not `.` or `..` (URL parsers drop those path segments): it is used in URL paths. The one id rule
 * (`readId`), shared with `references[]` and the register ids.
 */
export const readOrderId = (errors: FieldErrors, path: string, value: unknown): string | undefined => readId(errors, path, value);

export const readOrderStatus = (errors: FieldErrors, path: string, value: unknown, required: boolean) =>
  readEnum(errors, path, value, ORDER_STATUSES, required);

export const readExternalStatus = (errors: FieldErrors, path: string, value: unknown): string | undefined =>
  readText(errors, path, value, { max: 100 });

function readCurrencyCode(errors: FieldErrors, path: string, value: unknown): string | undefined {
  if (isAbsent(value)) return void addError(errors, path, 'is required');
  const code = canonicalCurrencyCode(value);
  if (code === undefined) addError(errors, path, 'must be an ISO 4217 alphabetic currency code');
  return code;
}
