import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { type ValidationArguments, type ValidationOptions } from 'class-validator';
import { schemaRule } from '../../common/validation/schema-rule';
import { canonicalCountryCode } from '@orders/domain/iso-3166';
import { DOT_SEGMENT_MESSAGE, isDotSegment } from '@orders/domain/order-id-rules';
import { ACTION_DATA_TYPE_MESSAGE, actionDataObject } from '@orders/domain/normalize-action';
import { aliasConflictMessage } from '@orders/domain/normalize-parts';
import { canonicalCurrencyCode } from '@orders/domain/iso-4217';

/**
 * Order rules that class-validator has no decorator for, using the domain's own lists and checks. Each is
 * stated once (common/validation/schema-rule.ts): the same check is the class-validator constraint and the
 * `x-…` keyword of the OpenAPI schema that the compiled validator runs.
 */

const message =
  (text: string) =>
  (args?: ValidationArguments): string =>
    `${args?.property ?? 'value'} ${text}`;

/** a code in its canonical casing (the transform above canonicalises any other casing first) */
const isCanonical = (canonical: (value: unknown) => string | undefined) => (value: unknown) =>
  typeof value === 'string' && canonical(value) === value;

const currencyCode = schemaRule(
  'x-currency-code',
  'isCurrencyCode',
  isCanonical(canonicalCurrencyCode),
  message('must be an ISO 4217 alphabetic currency code'),
);

const countryCode = schemaRule(
  'x-country-code',
  'isCountryCode',
  isCanonical(canonicalCountryCode),
  message('must be an ISO 3166-1 alpha-2 country code'),
);

const onlyOnReturnLines = schemaRule(
  'x-only-on-return-lines',
  'onlyOnReturnLines',
  (_value, line) => line?.type !== undefined && line.type !== 'Purchase',
  message('is only allowed on Return lines'),
);

const notDotSegment = schemaRule('x-not-dot-segment', 'isNotDotSegment', (value) => !isDotSegment(value), message(DOT_SEGMENT_MESSAGE));

const notTogetherWith = schemaRule(
  'x-not-together-with',
  'notTogetherWith',
  (value, parent, canonical) => value === undefined || parent?.[canonical as string] === undefined,
  (args?: ValidationArguments) => `${args?.property ?? 'value'} ${aliasConflictMessage(String(args?.constraints?.[0]))}`,
);

const actionData = schemaRule(
  'x-action-data',
  'isActionData',
  (value) => actionDataObject(value) !== undefined,
  (args?: ValidationArguments) =>
    `${args?.property ?? 'value'} ${typeof args?.value === 'string' ? ACTION_DATA_TYPE_MESSAGE : 'must be an object'}`,
);

function codeDecorators(
  rule: (argument?: unknown) => PropertyDecorator,
  canonical: (value: unknown) => string | undefined,
): PropertyDecorator {
  return applyDecorators(
    // any casing in, canonical (upper-case) out; an unknown code is left as sent for the check below
    Transform(({ value }: { value: unknown }) => canonical(value) ?? value, { toClassOnly: true }),
    rule(),
  );
}

/** An ISO 4217 alphabetic currency code in any casing, canonicalised to upper case (`sek` → `SEK`). */
export const IsCurrencyCode = (): PropertyDecorator => codeDecorators(currencyCode, canonicalCurrencyCode);

/** An ISO 3166-1 alpha-2 country code in any casing, canonicalised to upper case (`se` → `SE`). */
export const IsCountryCode = (): PropertyDecorator => codeDecorators(countryCode, canonicalCountryCode);

/**
 * `returnDetails` only on `Return` lines. Runs after the line's `type` has been canonicalised; a line
 * without `type` is a purchase. When the type itself is invalid, that error is enough: nothing is said here.
 */
export function OnlyOnReturnLines(options?: ValidationOptions): PropertyDecorator {
  return onlyOnReturnLines(true, options);
}

/**
 * The value is not `.` or `..`: path segments every URL parser resolves away (also when written
 * `%2E%2E`), so an order with such an id could never be reached by its links.
 */
export function IsNotDotSegment(options?: ValidationOptions): PropertyDecorator {
  return notDotSegment(true, options);
}

/** An alias (`firstname`) is not sent together with the field it spells differently (`firstName`). */
export function NotTogetherWith(canonical: string, options?: ValidationOptions): PropertyDecorator {
  return notTogetherWith(canonical, options);
}

/** Action `data`: a JSON object, or a string holding one (the domain's `actionDataObject`). */
export function IsActionData(options?: ValidationOptions): PropertyDecorator {
  return actionData(true, options);
}
