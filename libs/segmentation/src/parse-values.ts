import { canonicalEnum } from '@orders/domain/enums';
import { dateTimeToEpochMs } from '@orders/domain/date-time';
import { addError, type FieldErrors } from '@orders/domain/field-errors';
import type { Predicate, ScalarValue } from './segment-ast';
import type { FieldSpec } from './segment-fields';
import { durationYears, parseIsoDuration } from './iso-duration';
import { SEGMENT_LIMITS } from './segment-limits';

export { addError, type FieldErrors };

export const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

export const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

const ORDERING_OPS = new Set(['gt', 'gte', 'lt', 'lte', 'between']);

/** One value of a condition, checked against the field's kind and canonicalised; undefined (and an error) when invalid. */
function readScalar(errors: FieldErrors, path: string, value: unknown, spec: FieldSpec, op: string): ScalarValue | undefined {
  const fail = (message: string): undefined => void addError(errors, path, message);
  switch (spec.kind) {
    case 'text': {
      if (typeof value !== 'string') return fail('must be a string');
      if (value.length > SEGMENT_LIMITS.maxTextLength) return fail(`must be at most ${SEGMENT_LIMITS.maxTextLength} characters`);
      return spec.canonical ? spec.canonical(value) : value;
    }
    case 'enum':
    case 'enumSet': {
      const member = canonicalEnum(value, spec.values ?? []);
      return member ?? fail(`must be one of ${(spec.values ?? []).join(', ')}`);
    }
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : fail('must be a finite number');
    case 'date': {
      const ms = dateTimeToEpochMs(value);
      return ms ?? fail('must be an ISO 8601 date-time with an offset (Z or ±hh:mm)');
    }
    case 'attribute': {
      if (ORDERING_OPS.has(op))
        return typeof value === 'number' && Number.isFinite(value) ? value : fail(`must be a finite number for ${op}`);
      if (typeof value === 'boolean') return value;
      if (typeof value === 'number') return Number.isFinite(value) ? value : fail('must be a finite number');
      if (typeof value !== 'string') return fail('must be a string, a number or a boolean');
      if (value.length > SEGMENT_LIMITS.maxTextLength) return fail(`must be at most ${SEGMENT_LIMITS.maxTextLength} characters`);
      return value;
    }
  }
}

/** The value of `{ op, value }` for a field (or a having metric) of `spec`. */
export function readPredicate(errors: FieldErrors, path: string, op: string, value: unknown, spec: FieldSpec): Predicate | undefined {
  const before = Object.keys(errors).length;
  const ok = <T>(predicate: T): T | undefined => (Object.keys(errors).length === before ? predicate : undefined);
  if (value === undefined) return void addError(errors, path, 'is required');
  switch (op) {
    case 'exists':
      return typeof value === 'boolean' ? { op, value } : void addError(errors, path, 'must be true or false');
    case 'in':
    case 'nin': {
      if (!Array.isArray(value)) return void addError(errors, path, 'must be an array of values');
      if (value.length === 0) return void addError(errors, path, 'must not be empty');
      if (value.length > SEGMENT_LIMITS.maxListValues)
        return void addError(errors, path, `must have at most ${SEGMENT_LIMITS.maxListValues} values`);
      const values = value.map((item, index) => readScalar(errors, `${path}[${index}]`, item, spec, op));
      return ok({ op, values: values as ScalarValue[] });
    }
    case 'between': {
      if (!Array.isArray(value) || value.length !== 2) return void addError(errors, path, 'must be an array [low, high]');
      const low = readScalar(errors, `${path}[0]`, value[0], spec, op);
      const high = readScalar(errors, `${path}[1]`, value[1], spec, op);
      if (low !== undefined && high !== undefined && low > high) addError(errors, path, 'low must not be greater than high');
      return ok({ op, low: low!, high: high! });
    }
    case 'contains':
    case 'startsWith':
      if (typeof value !== 'string' || value.length === 0) return void addError(errors, path, 'must be a non-empty string');
      if (value.length > SEGMENT_LIMITS.maxTextLength)
        return void addError(errors, path, `must be at most ${SEGMENT_LIMITS.maxTextLength} characters`);
      return { op, value };
    case 'within': {
      const duration = typeof value === 'string' && value.length <= SEGMENT_LIMITS.maxDurationLength ? parseIsoDuration(value) : null;
      if (!duration) return void addError(errors, path, 'must be an ISO 8601 duration such as P30D, PT12H or P1Y2M');
      if (durationYears(duration) > SEGMENT_LIMITS.maxDurationYears) {
        return void addError(errors, path, `must be at most ${SEGMENT_LIMITS.maxDurationYears} years`);
      }
      return { op, duration };
    }
    case 'eq':
    case 'ne':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const scalar = readScalar(errors, path, value, spec, op);
      return scalar === undefined ? undefined : { op, value: scalar };
    }
    default:
      return undefined;
  }
}
