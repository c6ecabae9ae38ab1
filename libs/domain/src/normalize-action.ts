/**
 * An order action (SPEC §5): `{ action, language?, data? }`, embedded as `orderAction` in a change or
 * sent on its own to E7. `action` is canonicalised; `data` is free-form JSON, copied defensively.
 *
 * `data` is a JSON object, or a string holding one: the platform this service mirrors types `data` as a
 * string in its docs and shows an object in its example. Both mean the same object and are stored (and
 * handed to automation triggers) as that object, so a target always receives one shape.
 */
import type { FieldErrors } from './field-errors';
import { ACTION_NAMES, type ActionName, type OrderAction } from './order';
import { addError, at, defined, isAbsent, isPlainObject, readEnum, readText, type JsonRecord } from './field-rules';

export const LANGUAGE_MAX = 35;
/** Limits on `data`: nesting depth and total number of values. */
export const ACTION_DATA_MAX_DEPTH = 10;
export const ACTION_DATA_MAX_VALUES = 1000;

/** Keys never copied out of client data (prototype pollution guards). */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type ActionResult = { ok: true; action: OrderAction } | { ok: false; errors: FieldErrors };

/** Reads an action at `path` ('orderAction' when embedded, '' for the E7 body). */
export function normalizeOrderAction(value: unknown, path = 'orderAction'): ActionResult {
  const errors: FieldErrors = {};
  const action = readOrderAction(errors, path, value);
  return action === undefined ? { ok: false, errors } : { ok: true, action };
}

/** The action, or undefined with errors recorded (absent counts as an error: callers check presence first). */
export function readOrderAction(errors: FieldErrors, path: string, value: unknown): OrderAction | undefined {
  if (!isPlainObject(value)) {
    addError(errors, path, isAbsent(value) ? 'is required' : 'must be an object');
    return undefined;
  }
  const before = Object.keys(errors).length;
  const result = defined({
    action: readEnum(errors, at(path, 'action'), value['action'], ACTION_NAMES, true) as ActionName,
    language: readText(errors, at(path, 'language'), value['language'], { max: LANGUAGE_MAX }),
    data: readActionData(errors, at(path, 'data'), value['data']),
  });
  return Object.keys(errors).length > before ? undefined : result;
}

export const ACTION_DATA_TYPE_MESSAGE = 'must be a JSON object, or a string holding one';

/** The object `data` stands for — itself, or the JSON object a string holds — or undefined when it is neither. */
export function actionDataObject(value: unknown): JsonRecord | undefined {
  if (typeof value !== 'string') return isPlainObject(value) ? value : undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isPlainObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function readActionData(errors: FieldErrors, path: string, value: unknown): JsonRecord | undefined {
  if (isAbsent(value)) return undefined;
  const object = actionDataObject(value);
  if (object === undefined) return void addError(errors, path, typeof value === 'string' ? ACTION_DATA_TYPE_MESSAGE : 'must be an object');
  const budget = { values: ACTION_DATA_MAX_VALUES };
  const copy = copyJson(errors, path, object, 0, budget);
  return isPlainObject(copy) ? copy : undefined;
}

/**
 * A fresh copy of a JSON value: plain objects (own keys, forbidden keys dropped), arrays, strings,
 * finite numbers, booleans and null. Anything else is reported at its path.
 */
function copyJson(errors: FieldErrors, path: string, value: unknown, depth: number, budget: { values: number }): unknown {
  if (--budget.values < 0) {
    if (budget.values === -1) addError(errors, path, `data must contain at most ${ACTION_DATA_MAX_VALUES} values`);
    return undefined;
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    return void addError(errors, path, 'must be a finite number');
  }
  if (depth >= ACTION_DATA_MAX_DEPTH && (Array.isArray(value) || isPlainObject(value))) {
    return void addError(errors, path, `is nested deeper than ${ACTION_DATA_MAX_DEPTH} levels`);
  }
  if (Array.isArray(value)) return value.map((element, index) => copyJson(errors, at(path, index), element, depth + 1, budget));
  if (isPlainObject(value)) {
    const out: JsonRecord = {};
    for (const [key, field] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(key) || field === undefined) continue;
      out[key] = copyJson(errors, at(path, key), field, depth + 1, budget);
    }
    return out;
  }
  return void addError(errors, path, 'must be a JSON value');
}
