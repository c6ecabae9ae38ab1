/**
 * Money lists of SPEC §3: discounts, taxes, fees (header and line level) and payments.
 * Every amount is finite and ≥ 0; enum types are canonicalised.
 */
import type { FieldErrors } from './field-errors';
import { DISCOUNT_TYPES, FEE_TYPES, PAYMENT_METHODS, TAX_TYPES, type Discount, type Fee, type Payment, type Tax } from './order';
import { addError, at, defined, isPlainObject, type ListRule, readAmount, readEnum, readList, readObject, readText } from './field-rules';

/** Most entries accepted in one money list (discounts, taxes, fees, payments). */
export const MAX_LIST_ITEMS = 100;
const DESCRIPTION_MAX = 255;
const REFERENCE_MAX = 255;

export type ItemReader<T> = (errors: FieldErrors, path: string, item: Record<string, unknown>) => T;

/** Each element of an array, read as an object; invalid elements are reported and skipped. */
export function readItems<T>(errors: FieldErrors, path: string, value: unknown, readItem: ItemReader<T>, rule: ListRule): T[] | undefined {
  const list = readList(errors, path, value, rule);
  if (list === undefined) return undefined;
  const out: T[] = [];
  for (let index = 0; index < list.length; index++) {
    const element: unknown = list[index];
    const itemPath = at(path, index);
    if (isPlainObject(element)) out.push(readItem(errors, itemPath, element));
    else addError(errors, itemPath, 'must be an object');
  }
  return out;
}

/** a header list's `items`: required, at most MAX_LIST_ITEMS */
const WRAPPED_ITEMS: ListRule = { required: true, max: MAX_LIST_ITEMS };

/** `{ items: [...] }` wrapper used by the header lists (`payments`, `discounts`, `taxes`, `fees`). */
export function readItemsWrapper<T>(
  errors: FieldErrors,
  path: string,
  value: unknown,
  readItem: ItemReader<T>,
): { items: T[] } | undefined {
  const wrapper = readObject(errors, path, value, false);
  if (wrapper === undefined) return undefined;
  const items = readItems(errors, at(path, 'items'), wrapper['items'], readItem, WRAPPED_ITEMS);
  return items === undefined ? undefined : { items };
}

export const readDiscount: ItemReader<Discount> = (errors, path, item) =>
  defined({
    type: readEnum(errors, at(path, 'type'), item['type'], DISCOUNT_TYPES, false),
    description: readText(errors, at(path, 'description'), item['description'], { max: DESCRIPTION_MAX }),
    amount: readAmount(errors, at(path, 'amount'), item['amount'], true) as number,
  });

export const readTax: ItemReader<Tax> = (errors, path, item) =>
  defined({
    type: readEnum(errors, at(path, 'type'), item['type'], TAX_TYPES, true) as Tax['type'],
    description: readText(errors, at(path, 'description'), item['description'], { max: DESCRIPTION_MAX }),
    percent: readAmount(errors, at(path, 'percent'), item['percent'], false),
    amount: readAmount(errors, at(path, 'amount'), item['amount'], true) as number,
  });

export const readFee: ItemReader<Fee> = (errors, path, item) =>
  defined({
    type: readEnum(errors, at(path, 'type'), item['type'], FEE_TYPES, true) as Fee['type'],
    description: readText(errors, at(path, 'description'), item['description'], { max: DESCRIPTION_MAX }),
    amount: readAmount(errors, at(path, 'amount'), item['amount'], true) as number,
    taxes: readItemsWrapper(errors, at(path, 'taxes'), item['taxes'], readTax),
  });

export const readPayment: ItemReader<Payment> = (errors, path, item) =>
  defined({
    method: readEnum(errors, at(path, 'method'), item['method'], PAYMENT_METHODS, true) as Payment['method'],
    description: readText(errors, at(path, 'description'), item['description'], { max: DESCRIPTION_MAX }),
    amount: readAmount(errors, at(path, 'amount'), item['amount'], true) as number,
    reference: readText(errors, at(path, 'reference'), item['reference'], { max: REFERENCE_MAX }),
  });
