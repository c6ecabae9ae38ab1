/**
 * `lineItems` of SPEC §3: `{ items: [≥ 1 line], subTotal? }` and the rules of one line.
 */
import type { FieldErrors } from './field-errors';
import { LINE_TYPES, RETURN_TYPES, type Article, type LineItem, type LineType, type ReturnDetails } from './order';
import {
  addError,
  at,
  defined,
  isAbsent,
  isPlainObject,
  readAmount,
  readEnum,
  readObject,
  readPositive,
  readText,
  type JsonRecord,
} from './field-rules';
import { readDiscount, readItems, readItemsWrapper, readTax } from './normalize-amounts';

/** Most lines accepted in one order. */
export const MAX_LINE_ITEMS = 1000;

export interface NormalizedLineItems {
  items: LineItem[];
  subTotal?: number;
}

export function readLineItems(errors: FieldErrors, path: string, value: unknown): NormalizedLineItems | undefined {
  const lineItems = readObject(errors, path, value, true);
  if (lineItems === undefined) return undefined;
  const itemsPath = at(path, 'items');
  const rawItems = lineItems['items'];
  const items = readItems(errors, itemsPath, rawItems, readLineItem, { required: true, min: 1, max: MAX_LINE_ITEMS });
  if (items !== undefined && Array.isArray(rawItems)) checkUniqueLineIds(errors, itemsPath, rawItems);
  const subTotal = readAmount(errors, at(path, 'subTotal'), lineItems['subTotal'], false);
  return items === undefined ? undefined : defined({ items, subTotal });
}

export function readLineItem(errors: FieldErrors, path: string, line: JsonRecord): LineItem {
  const givenType = readEnum(errors, at(path, 'type'), line['type'], LINE_TYPES, false);
  const type: LineType = givenType ?? 'Purchase';
  const typeValid = givenType !== undefined || isAbsent(line['type']);
  return defined({
    id: readText(errors, at(path, 'id'), line['id'], { min: 1, max: 100 }),
    type,
    quantity: readPositive(errors, at(path, 'quantity'), line['quantity'], true) as number,
    article: readArticle(errors, at(path, 'article'), line['article']) as Article,
    totalPrice: readAmount(errors, at(path, 'totalPrice'), line['totalPrice'], true) as number,
    pricePerUnit: readAmount(errors, at(path, 'pricePerUnit'), line['pricePerUnit'], false),
    originalPricePerUnit: readAmount(errors, at(path, 'originalPricePerUnit'), line['originalPricePerUnit'], false),
    originalTotalPrice: readAmount(errors, at(path, 'originalTotalPrice'), line['originalTotalPrice'], false),
    discounts: readItemsWrapper(errors, at(path, 'discounts'), line['discounts'], readDiscount),
    taxes: readItemsWrapper(errors, at(path, 'taxes'), line['taxes'], readTax),
    externalStatus: readText(errors, at(path, 'externalStatus'), line['externalStatus'], { max: 100 }),
    returnDetails: readReturnDetails(errors, at(path, 'returnDetails'), line['returnDetails'], typeValid ? type : undefined),
    group: readText(errors, at(path, 'group'), line['group'], { max: 100 }),
  });
}

function readArticle(errors: FieldErrors, path: string, value: unknown): Article | undefined {
  const article = readObject(errors, path, value, true);
  if (article === undefined) return undefined;
  return defined({
    sku: readText(errors, at(path, 'sku'), article['sku'], { required: true, min: 1, max: 100, notBlank: true }) as string,
    name: readText(errors, at(path, 'name'), article['name'], { max: 255 }),
    description: readText(errors, at(path, 'description'), article['description'], { max: 2000 }),
    imageUri: readText(errors, at(path, 'imageUri'), article['imageUri'], { max: 2000 }),
    targetUri: readText(errors, at(path, 'targetUri'), article['targetUri'], { max: 2000 }),
  });
}

/** Only `Return` lines carry return details; when the line type itself is invalid (undefined), nothing more is said. */
function readReturnDetails(errors: FieldErrors, path: string, value: unknown, lineType: LineType | undefined): ReturnDetails | undefined {
  const details = readObject(errors, path, value, false);
  if (details === undefined || lineType === undefined) return undefined;
  if (lineType !== 'Return') return void addError(errors, path, 'is only allowed on Return lines');
  return defined({
    type: readEnum(errors, at(path, 'type'), details['type'], RETURN_TYPES, true) as ReturnDetails['type'],
    reason: readText(errors, at(path, 'reason'), details['reason'], { max: 255 }),
  });
}

/** Line ids, when given, are unique within the order; the error sits on the later duplicate. */
function checkUniqueLineIds(errors: FieldErrors, itemsPath: string, rawItems: readonly unknown[]): void {
  const firstIndex = new Map<string, number>();
  rawItems.forEach((line, index) => {
    const id = isPlainObject(line) ? line['id'] : undefined;
    if (typeof id !== 'string') return;
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, index);
    else addError(errors, at(at(itemsPath, index), 'id'), `duplicates the id of ${at(itemsPath, first)}`);
  });
}
