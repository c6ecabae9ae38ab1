import { canonicalEnum } from '@orders/domain/enums';
import { Transform } from 'class-transformer';

/**
 * Maps an enum value to its canonical casing (`"in progress"` → `InProgress`, `"paypal"` → `PayPal`).
 * A value that names no member is left as it came, so that `@IsIn(allowed)` rejects it with a message
 * listing the allowed values.
 */
export function ToCanonicalEnum(allowed: readonly string[]): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => canonicalEnum(value, allowed) ?? value, { toClassOnly: true });
}

/**
 * `null` on an optional field means "not given" (many client serialisers write absent fields as null):
 * it becomes `undefined`, so the DTO never holds null for an optional field.
 */
export function NullAsMissing(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (value === null ? undefined : value), { toClassOnly: true });
}

const DIGITS = /^[0-9]{1,16}$/;

/**
 * Query strings arrive as strings: `"10"` → 10. Only plain decimal digits are converted; anything else
 * (`""`, `"1e3"`, `"0x10"`, `" 5"`, a repeated parameter's array) is left as it came so that `@IsInt()` rejects it.
 */
export function ToInteger(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' && DIGITS.test(value) ? Number(value) : value), {
    toClassOnly: true,
  });
}
