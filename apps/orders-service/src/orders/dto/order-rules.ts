import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { canonicalCountryCode } from '@orders/domain/iso-3166';
import { DOT_SEGMENT_MESSAGE, isDotSegment } from '@orders/domain/order-id-rules';
import { ACTION_DATA_TYPE_MESSAGE, actionDataObject } from '@orders/domain/normalize-action';
import { aliasConflictMessage } from '@orders/domain/normalize-parts';
import { canonicalCurrencyCode } from '@orders/domain/iso-4217';

/** Order rules that class-validator has no decorator for, using the domain's own lists and checks. */

function codeDecorators(name: string, canonical: (value: unknown) => string | undefined, what: string): PropertyDecorator {
  return applyDecorators(
    // any casing in, canonical (upper-case) out; an unknown code is left as sent for the check below
    Transform(({ value }: { value: unknown }) => canonical(value) ?? value, { toClassOnly: true }),
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: propertyName as string,
        validator: {
          validate: (value: unknown) => typeof value === 'string' && canonical(value) === value,
          defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'value'} must be ${what}`,
        },
      }),
  );
}

/** An ISO 4217 alphabetic currency code in any casing, canonicalised to upper case (`sek` → `SEK`). */
export const IsCurrencyCode = (): PropertyDecorator =>
  codeDecorators('isCurrencyCode', canonicalCurrencyCode, 'an ISO 4217 alphabetic currency code');

/** An ISO 3166-1 alpha-2 country code in any casing, canonicalised to upper case (`se` → `SE`). */
export const IsCountryCode = (): PropertyDecorator =>
  codeDecorators('isCountryCode', canonicalCountryCode, 'an ISO 3166-1 alpha-2 country code');

/**
 * `returnDetails` only on `Return` lines. Runs after the line's `type` has been canonicalised; a line
 * without `type` is a purchase. When the type itself is invalid, that error is enough: nothing is said here.
 */
export function OnlyOnReturnLines(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'onlyOnReturnLines',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (_value: unknown, args?: ValidationArguments) => {
          const type = (args?.object as { type?: unknown } | undefined)?.type;
          return type !== undefined && type !== 'Purchase';
        },
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'value'} is only allowed on Return lines`,
      },
    });
}

/**
 * The value is not `.` or `..`: path segments every URL parser resolves away (also when written
 * `%2E%2E`), so an order with such an id could never be reached by its links.
 */
export function IsNotDotSegment(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isNotDotSegment',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => !isDotSegment(value),
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'value'} ${DOT_SEGMENT_MESSAGE}`,
      },
    });
}

/** An alias (`firstname`) is not sent together with the field it spells differently (`firstName`). */
export function NotTogetherWith(canonical: string, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'notTogetherWith',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown, args?: ValidationArguments) =>
          value === undefined || (args?.object as Record<string, unknown> | undefined)?.[canonical] === undefined,
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'value'} ${aliasConflictMessage(canonical)}`,
      },
    });
}

/** Action `data`: a JSON object, or a string holding one (the domain's `actionDataObject`). */
export function IsActionData(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isActionData',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => actionDataObject(value) !== undefined,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'value'} ${typeof args?.value === 'string' ? ACTION_DATA_TYPE_MESSAGE : 'must be an object'}`,
      },
    });
}
