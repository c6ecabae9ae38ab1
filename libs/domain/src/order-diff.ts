/**
 * Field-level diff of two versions of an order (or any JSON value), for the audit history (SPEC §7).
 * Changes are keyed by JSON path as in validation errors (`lineItems.items[0].quantity`). A field that
 * appears or disappears is reported whole (its subtree is not listed field by field).
 */
export type FieldChange =
  | { op: 'added'; path: string; to: unknown }
  | { op: 'removed'; path: string; from: unknown }
  | { op: 'changed'; path: string; from: unknown; to: unknown };

type Json = { [key: string]: unknown };

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const join = (path: string, key: string): string => (path === '' ? key : `${path}.${key}`);

export function diffJson(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (before === undefined && after === undefined) return [];
  if (before === undefined) return [{ op: 'added', path, to: after }];
  if (after === undefined) return [{ op: 'removed', path, from: before }];
  if (Array.isArray(before) && Array.isArray(after)) {
    const changes: FieldChange[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) changes.push(...diffJson(before[i], after[i], `${path}[${i}]`));
    return changes;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((key) => !(key in before))];
    return keys.flatMap((key) => diffJson(before[key], after[key], join(path, key)));
  }
  return Object.is(before, after) ? [] : [{ op: 'changed', path, from: before, to: after }];
}

/** The changes from one order version to the next; `null` stands for "no order" (before registration). */
export function diffOrders(before: object | null, after: object | null): FieldChange[] {
  return diffJson(before ?? {}, after ?? {});
}
