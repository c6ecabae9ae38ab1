import type { ErrorObject } from 'ajv';
import { addError, type FieldErrors } from '@orders/domain';
import { appendPath, ROOT_PATH } from './field-path';
import { type RuleKeyword, schemaRules } from './schema-rule';

/** Most JSON paths a 400 lists; the answer then says `errorsTruncated: true`. */
export const MAX_REPORTED_ERRORS = 100;

/** Field errors, at most MAX_REPORTED_ERRORS paths, and whether some were left out. */
export interface ReportedErrors {
  errors: FieldErrors;
  truncated: boolean;
}

/** `/lineItems/items/0/article` → `lineItems.items[0].article` (numeric steps of a body are array indices). */
export function pathOf(pointer: string): string {
  let path = '';
  for (const raw of pointer.split('/').slice(1)) path = appendPath(path, raw.replace(/~1/g, '/').replace(/~0/g, '~'), true);
  return path;
}

/** The last step of a JSON path, unquoted (`contact["foo bar"]` → `foo bar`). */
export const propertyName = (path: string): string => /([A-Za-z0-9_$]+|"[^"]*")\]?$/.exec(path)?.[1]?.replace(/"/g, '') ?? 'value';

/** The message class-validator gives for the same failure, as far as ajv's error says it. */
function describe(error: ErrorObject, property: string): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${property} should not be null or undefined`;
    case 'additionalProperties':
      return `property ${property} should not exist`;
    case 'type':
      return params.type === 'array'
        ? `${property} must be an array`
        : `${property} must be ${params.type === 'object' ? 'an' : 'a'} ${params.type}`;
    case 'maxItems':
      return `${property} must contain no more than ${params.limit} elements`;
    case 'minItems':
      return `${property} must contain at least ${params.limit} elements`;
    case 'maxLength':
      return `${property} must be shorter than or equal to ${params.limit} characters`;
    case 'minLength':
      return `${property} must be longer than or equal to ${params.limit} characters`;
    case 'enum':
      return `${property} must be one of the following values: ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `${property} must not be less than ${params.limit}${error.keyword === 'exclusiveMinimum' ? ' (exclusive)' : ''}`;
    case 'maximum':
      return `${property} must not be greater than ${params.limit}`;
    case 'format':
      return `${property} must be an ISO 8601 date-time with an offset (Z or ±hh:mm)`;
  }
  const rule = schemaRules().get(error.keyword as RuleKeyword);
  const message = rule?.message?.({ property, value: error.data, constraints: [error.schema], object: {}, targetName: '' });
  return message ?? `${property} is not valid (${error.keyword})`;
}

/**
 * ajv's errors (collected with `allErrors`) as JSON-path keyed messages worded like class-validator's,
 * for answers that have more failures than are reported: the first MAX_REPORTED_ERRORS paths.
 */
export function ajvErrorsToFieldErrors(errors: readonly ErrorObject[]): ReportedErrors {
  const result: FieldErrors = {};
  let paths = 0;
  for (const error of errors) {
    if (error.keyword === 'oneOf' || error.keyword === 'allOf' || error.keyword === 'anyOf') continue;
    const params = error.params as Record<string, unknown>;
    const base = pathOf(error.instancePath);
    const path =
      error.keyword === 'required'
        ? appendPath(base, String(params.missingProperty), false)
        : error.keyword === 'additionalProperties'
          ? appendPath(base, String(params.additionalProperty), false)
          : base;
    const key = path || ROOT_PATH;
    if (!Object.prototype.hasOwnProperty.call(result, key)) {
      if (paths === MAX_REPORTED_ERRORS) return { errors: result, truncated: true };
      paths++;
    }
    const property =
      error.keyword === 'required'
        ? String(params.missingProperty)
        : error.keyword === 'additionalProperties'
          ? String(params.additionalProperty)
          : propertyName(path);
    addError(result, key, describe(error, property));
  }
  return { errors: result, truncated: false };
}

/** The first MAX_REPORTED_ERRORS paths of `errors`, and whether there were more. */
export function capFieldErrors(errors: FieldErrors): ReportedErrors {
  const keys = Object.keys(errors);
  if (keys.length <= MAX_REPORTED_ERRORS) return { errors, truncated: false };
  const capped: FieldErrors = {};
  for (const key of keys.slice(0, MAX_REPORTED_ERRORS)) for (const message of errors[key]!) addError(capped, key, message);
  return { errors: capped, truncated: true };
}
