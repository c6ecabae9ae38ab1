/**
 * Small runtime checks shared by the normalizers. Each reader takes an `unknown` value (input may come
 * from anywhere), records messages under a JSON path in `errors` and returns the canonical value, or
 * `undefined` when the value is absent or invalid. Readers never throw.
 *
 * `null` counts as absent: an optional field sent as `null` is treated as omitted, a required one
 * as missing.
 */
import { canonicalEnum } from './enums';
import { canonicalDateTime, isDateTimeInRange } from './date-time';
import { addError, type FieldErrors, hasErrors } from './field-errors';
import { ID_MAX, idCharacterProblem, isWellFormedText, LONE_SURROGATE_MESSAGE } from './order-id-rules';

/** Largest money amount / quantity accepted; keeps sums in minor units finite and exact enough. */
export const MAX_AMOUNT = 1e15;

export type JsonRecord = Record<string, unknown>;

export { addError, hasErrors };

/** `base.key`, or `base[index]` for array positions. */
export const at = (base: string, key: string | number): string =>
  typeof key === 'number' ? `${base}[${key}]` : base === '' ? key : `${base}.${key}`;

export const isAbsent = (value: unknown): value is null | undefined => value === undefined || value === null;

export function isPlainObject(value: unknown): value is JsonRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Length in Unicode code points, so that "é" or an emoji counts as one character. */
export const charCount = (value: string): number => {
  let count = 0;
  for (const _ of value) count++;
  return count;
};

/** A copy of `value` without the keys whose value is undefined (the output never has `undefined` keys). */
export function defined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  // for…in, not Object.entries: no array per call and per key (this runs for every object of every body)
  for (const key in value) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined && Object.hasOwn(value, key)) out[key] = field;
  }
  return out as T;
}

function missing(errors: FieldErrors, path: string, value: unknown, required: boolean): boolean {
  if (!isAbsent(value)) return false;
  if (required) addError(errors, path, 'is required');
  return true;
}

export interface TextRule {
  required?: boolean;
  /** minimum length, 0 unless given */
  min?: number;
  max: number;
  /** reject strings made only of white space */
  notBlank?: boolean;
}

/** Every text field: a string of `min`–`max` code points, well-formed Unicode (no lone surrogates). */
export function readText(errors: FieldErrors, path: string, value: unknown, rule: TextRule): string | undefined {
  if (missing(errors, path, value, rule.required ?? false)) return undefined;
  if (typeof value !== 'string') return void addError(errors, path, 'must be a string');
  if (!isWellFormedText(value)) return void addError(errors, path, LONE_SURROGATE_MESSAGE);
  const min = rule.min ?? 0;
  // code points ≤ UTF-16 units, and both are 0 only for '': counting code points (a walk over the string)
  // changes a verdict only for a text longer than `max` units, or with a minimum above 1
  const length = value.length > rule.max || min > 1 ? charCount(value) : value.length;
  if (length < min) return void addError(errors, path, min === 1 ? 'must not be empty' : `must be at least ${min} characters`);
  if (rule.notBlank && value.trim() === '') return void addError(errors, path, 'must not be blank');
  if (length > rule.max) return void addError(errors, path, `must be at most ${rule.max} characters`);
  return value;
}

/**
 * Every field that holds an id (`orderId`, each of `references[]`): a required text of 1–100 characters,
 * not blank, and the id rule ({@link idCharacterProblem}: no control characters, not `.` or `..`).
 */
export function readId(errors: FieldErrors, path: string, value: unknown): string | undefined {
  const id = readText(errors, path, value, { required: true, min: 1, max: ID_MAX, notBlank: true });
  if (id === undefined) return undefined;
  const problem = idCharacterProblem(id);
  return problem === undefined ? id : void addError(errors, path, problem);
}

/** A finite number ≥ 0 (money amounts, percentages). */
export function readAmount(errors: FieldErrors, path: string, value: unknown, required: boolean): number | undefined {
  if (missing(errors, path, value, required)) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) return void addError(errors, path, 'must be a finite number');
  if (value < 0) return void addError(errors, path, 'must be greater than or equal to 0');
  if (value > MAX_AMOUNT) return void addError(errors, path, `must be at most ${MAX_AMOUNT}`);
  return value === 0 ? 0 : value; // no -0
}

/** A finite number > 0 (line quantity). */
export function readPositive(errors: FieldErrors, path: string, value: unknown, required: boolean): number | undefined {
  if (missing(errors, path, value, required)) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) return void addError(errors, path, 'must be a finite number');
  if (value <= 0) return void addError(errors, path, 'must be greater than 0');
  if (value > MAX_AMOUNT) return void addError(errors, path, `must be at most ${MAX_AMOUNT}`);
  return value;
}

export function readEnum<T extends string>(
  errors: FieldErrors,
  path: string,
  value: unknown,
  allowed: readonly T[],
  required: boolean,
): T | undefined {
  if (missing(errors, path, value, required)) return undefined;
  const canonical = canonicalEnum(value, allowed);
  if (canonical === undefined) addError(errors, path, `must be one of: ${allowed.join(', ')}`);
  return canonical;
}

export const DATE_TIME_RANGE_MESSAGE = 'must be an instant between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z';

/** An ISO 8601 date-time with offset naming a real calendar date, in its canonical form (`T`, `Z`, `±hh:mm`). */
export function readDateTime(errors: FieldErrors, path: string, value: unknown, required: boolean): string | undefined {
  if (missing(errors, path, value, required)) return undefined;
  if (typeof value !== 'string') return void addError(errors, path, 'must be a string');
  const canonical = canonicalDateTime(value);
  if (canonical === null) {
    if (isDateTimeInRange(value) === false) return void addError(errors, path, DATE_TIME_RANGE_MESSAGE);
    return void addError(errors, path, 'must be an ISO 8601 date-time with offset, e.g. 2024-05-01T12:00:00+02:00');
  }
  return canonical;
}

export function readObject(errors: FieldErrors, path: string, value: unknown, required: boolean): JsonRecord | undefined {
  if (missing(errors, path, value, required)) return undefined;
  if (!isPlainObject(value)) return void addError(errors, path, 'must be an object');
  return value;
}

export interface ListRule {
  required?: boolean;
  min?: number;
  max: number;
}

export function readList(errors: FieldErrors, path: string, value: unknown, rule: ListRule): readonly unknown[] | undefined {
  if (missing(errors, path, value, rule.required ?? false)) return undefined;
  if (!Array.isArray(value)) return void addError(errors, path, 'must be an array');
  const min = rule.min ?? 0;
  if (value.length < min) return void addError(errors, path, `must contain at least ${min} item${min === 1 ? '' : 's'}`);
  if (value.length > rule.max) return void addError(errors, path, `must contain at most ${rule.max} items`);
  return value;
}
