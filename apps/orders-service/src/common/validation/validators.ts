import { isDateTimeInRange, isDateTimeWithOffset } from '@orders/domain/date-time';
import { DATE_TIME_RANGE_MESSAGE } from '@orders/domain/field-rules';
import { isWellFormedText, LONE_SURROGATE_MESSAGE } from '@orders/domain/order-id-rules';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { schemaRule } from './schema-rule';

/**
 * The value is a date-time carrying an explicit offset (`Z` or `±hh:mm`), e.g. `2025-03-01T12:00:00+01:00`,
 * by the domain's own rule (`isDateTimeWithOffset`: `YYYY-MM-DDThh:mm[:ss[.f…]]`, a real calendar date, and an
 * instant within years 0001–9999 UTC).
 * Use together with `@IsISO8601({ strict: true })`; a date alone (`2025-03-01`) or a local time without
 * offset fails here.
 */
export function IsDateTimeWithOffset(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isDateTimeWithOffset',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => isDateTimeWithOffset(value),
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'value'} ${
            isDateTimeInRange(args?.value) === false
              ? DATE_TIME_RANGE_MESSAGE
              : 'must be an ISO 8601 date-time with an offset (Z or ±hh:mm)'
          }`,
      },
    });
}

const isObjectValue = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every element of the array is an object (not null, not a primitive, not an array).
 * `@ValidateNested({ each: true })` alone descends into nested arrays (`[[{…}]]`) and lets them pass.
 * Non-arrays pass here: `@IsArray()` reports them.
 */
export function IsArrayOfObjects(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isArrayOfObjects',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => !Array.isArray(value) || value.every(isObjectValue),
        defaultMessage: (args?: ValidationArguments) => `each value in ${args?.property ?? 'value'} must be an object`,
      },
    });
}

/**
 * The string is well-formed Unicode (no lone surrogates such as `"\ud800"` in the JSON): the domain's one
 * text rule (`isWellFormedText`, which its `readText` applies too). Every text field has it — the order
 * DTOs through `TextField`; any other string field should carry it as well. In the OpenAPI document:
 * `x-well-formed-text`.
 */
export const IsWellFormedText = (options?: ValidationOptions): PropertyDecorator => wellFormedText(true, options);

const wellFormedText = schemaRule(
  'x-well-formed-text',
  'isWellFormedText',
  (value) => isWellFormedText(value),
  (args?: ValidationArguments) => `${args?.property ?? 'value'} ${LONE_SURROGATE_MESSAGE}`,
);
