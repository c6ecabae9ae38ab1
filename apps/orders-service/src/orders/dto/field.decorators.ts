import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { IsArrayOfObjects, IsDateTimeWithOffset, IsWellFormedText, NullAsMissing, ToCanonicalEnum } from '../../common/validation';
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacter } from '@orders/domain/order-id-rules';
import { MAX_AMOUNT } from './order-limits';
import { schemaRule } from '../../common/validation/schema-rule';

/**
 * Composite decorators for the request DTOs: each puts the class-validator rules, the class-transformer
 * conversions and the OpenAPI documentation of one kind of field in one place.
 *
 * A required field gets `@IsDefined()` (a missing value reports only "… should not be null or undefined").
 * An optional field accepts `null` as "not given" (it becomes `undefined` on the DTO, like the domain
 * normalizer treats it) and is otherwise validated like a required one.
 */
export interface FieldOptions {
  description: string;
  example?: unknown;
  required: boolean;
}

type Decorator = PropertyDecorator;
/** A DTO class (what `Type()` and `ApiProperty({ type })` take). */
type DtoClass = abstract new (...args: never) => object;

const NOT_BLANK = /^$|\S/; // empty is left to the length check

function presence(required: boolean): Decorator[] {
  return required ? [IsDefined()] : [NullAsMissing(), IsOptional()];
}

function doc(required: boolean, options: ApiPropertyOptions): Decorator {
  return required ? ApiProperty(options) : ApiPropertyOptional(options);
}

/**
 * @nestjs/swagger takes a function for a lazy type only when it is named `type` (as `{ type: () => X }`
 * names it); a thunk passed in as an argument is anonymous and would produce an empty `$ref`.
 */
function lazyType(type: () => DtoClass): () => DtoClass {
  return { type: () => type() }.type;
}

export interface TextFieldOptions extends FieldOptions {
  maxLength: number;
  /** defaults to 1 when required, 0 otherwise */
  minLength?: number;
  /** reject strings made only of white space */
  notBlank?: boolean;
  /** reject control characters (values used in URL paths) */
  noControlCharacters?: boolean;
}

/** The domain's id rule: no control characters (the rest of it — lone surrogates, `.`/`..` — is applied separately). */
const noControlCharacters = schemaRule(
  'x-no-control-characters',
  'noControlCharacters',
  (value) => typeof value !== 'string' || !hasControlCharacter(value),
  (args?: ValidationArguments) => `${args?.property ?? 'value'} ${CONTROL_CHARACTER_MESSAGE}`,
);

/** Not only white space (empty is left to the length check). */
const notBlank = schemaRule(
  'x-not-blank',
  'matches',
  (value) => typeof value !== 'string' || NOT_BLANK.test(value),
  (args?: ValidationArguments) => `${args?.property ?? 'value'} must not be blank`,
);

/**
 * A string of `minLength`–`maxLength` characters, well-formed Unicode (every text field: the domain's one
 * text rule, `isWellFormedText`, which `readText` applies too).
 */
export function TextField(options: TextFieldOptions): Decorator {
  const minLength = options.minLength ?? (options.required ? 1 : 0);
  return applyDecorators(
    ...presence(options.required),
    IsString(),
    minLength > 0 ? Length(minLength, options.maxLength) : MaxLength(options.maxLength),
    ...(options.notBlank ? [notBlank()] : []),
    IsWellFormedText(),
    ...(options.noControlCharacters ? [noControlCharacters()] : []),
    doc(options.required, {
      type: String,
      description: options.description,
      example: options.example,
      minLength: minLength > 0 ? minLength : undefined,
      maxLength: options.maxLength,
    }),
  );
}

/** One of `allowed`, accepted in any casing and with spaces, canonicalised before validation. */
export function EnumField(allowed: readonly string[], enumName: string, options: FieldOptions): Decorator {
  return applyDecorators(
    ...presence(options.required),
    ToCanonicalEnum(allowed),
    IsIn([...allowed]),
    doc(options.required, {
      enum: [...allowed],
      enumName,
      description: `${options.description} Accepted case-insensitively and with spaces; written back canonically.`,
      example: options.example,
    }),
  );
}

/** A JSON number (never a numeric string), finite, in [0, MAX_AMOUNT] — or (0, MAX_AMOUNT] when `positive`. */
export function NumberField(options: FieldOptions & { positive?: boolean }): Decorator {
  return applyDecorators(
    ...presence(options.required),
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: '$property must be a finite number' }),
    options.positive ? IsPositive() : Min(0),
    Max(MAX_AMOUNT),
    doc(options.required, {
      type: Number,
      description: options.description,
      example: options.example,
      minimum: 0,
      exclusiveMinimum: options.positive ? true : undefined,
      maximum: MAX_AMOUNT,
    }),
  );
}

/** A money amount in the order's currency: a finite JSON number, 0 ≤ amount ≤ MAX_AMOUNT. */
export function MoneyField(options: FieldOptions): Decorator {
  return NumberField(options);
}

/**
 * An ISO 8601 date-time with offset (`Z` or `±hh:mm`), e.g. `2025-03-01T12:00:00+01:00`; by the domain's
 * rule, which also takes `+0100` and a lower-case `t`/`z` and stores the canonical form.
 */
export function DateTimeField(options: FieldOptions): Decorator {
  return applyDecorators(
    ...presence(options.required),
    IsString(),
    IsDateTimeWithOffset(),
    doc(options.required, { type: String, format: 'date-time', description: options.description, example: options.example }),
  );
}

/** A nested object validated as `type()`; arrays, null and primitives are reported on this field's path. */
export function NestedField(type: () => DtoClass, options: FieldOptions): Decorator {
  return applyDecorators(
    ...presence(options.required),
    IsObject(),
    ValidateNested(),
    Type(type),
    doc(options.required, { type: lazyType(type), description: options.description }),
  );
}

/** An array of `minItems`–`maxItems` objects, each validated as `type()` and reported at `path[index]`. */
export function NestedArrayField(type: () => DtoClass, options: FieldOptions & { minItems?: number; maxItems: number }): Decorator {
  return applyDecorators(
    ...presence(options.required),
    IsArray(),
    ...(options.minItems ? [ArrayMinSize(options.minItems)] : []),
    ArrayMaxSize(options.maxItems),
    IsArrayOfObjects(),
    ValidateNested({ each: true, message: 'each value in $property must be an object' }),
    Type(type),
    doc(options.required, {
      type: lazyType(type),
      isArray: true,
      minItems: options.minItems,
      maxItems: options.maxItems,
      description: options.description,
    }),
  );
}
