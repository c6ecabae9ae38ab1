import type { ValidationError } from 'class-validator';
import { addError, type FieldErrors } from '@orders/domain';
import { appendPath, ROOT_PATH } from './field-path';

/** Constraint names that say "the value is not even of the right type". */
const TYPE_CONSTRAINTS = new Set(['isObject', 'isArray', 'isString', 'isNumber', 'isInt', 'isBoolean']);
const MISSING_CONSTRAINT = 'isDefined';
const WHITELIST_CONSTRAINT = 'whitelistValidation';

/**
 * Flattens class-validator's error tree into `{ "lineItems.items[2].article.sku": ["…"] }`.
 *
 * - Array elements are bracketed (`items[2]`), nested objects dotted (`article.sku`).
 * - An error on a whole nested value stays on that value's path (`contact`, `lineItems.items[1]`).
 * - A missing required value reports only "should not be null or undefined"; a value of the wrong
 *   type reports only its type error (e.g. `contact` = "abc" gives "contact must be an object",
 *   not also the errors of the fields inside it, nor "must contain at least 1 elements").
 * - Messages are de-duplicated per path; the order of the tree is kept.
 */
export function validationErrorsToFieldErrors(errors: readonly ValidationError[], basePath = ''): FieldErrors {
  const result: FieldErrors = {};
  for (const error of errors) collect(error, basePath, result);
  return result;
}

function collect(error: ValidationError, parentPath: string, into: FieldErrors): void {
  const constraints = error.constraints ?? {};
  const names = Object.keys(constraints);
  const property = error.property as string | undefined;
  const path =
    property === undefined || property === '' ? parentPath : appendPath(parentPath, property, !names.includes(WHITELIST_CONSTRAINT));

  if (names.includes(MISSING_CONSTRAINT)) {
    add(into, path, [constraints[MISSING_CONSTRAINT]!]);
    return;
  }
  const typeErrors = names.filter((name) => TYPE_CONSTRAINTS.has(name));
  if (typeErrors.length > 0) {
    add(
      into,
      path,
      typeErrors.map((name) => constraints[name]!),
    );
    return;
  }
  add(
    into,
    path,
    names.map((name) => constraints[name]!),
  );
  for (const child of error.children ?? []) collect(child, path, into);
}

function add(into: FieldErrors, path: string, messages: string[]): void {
  for (const message of messages) addError(into, path === '' ? ROOT_PATH : path, message);
}
