import { applyDecorators } from '@nestjs/common';
import { Expose, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, type ValidationArguments } from 'class-validator';

/**
 * Decorators of the environment schema (environment.variables.ts). Each one reads the raw string,
 * applies the default when the variable is unset or empty, converts it, and validates it with
 * class-validator; a value that cannot be converted is left as given so that the message shows it.
 */

const isSet = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const shown = (args: ValidationArguments): string => `got '${String(args.value)}'`;

export function IntegerVariable(options: { default: number; min: number; max: number }): PropertyDecorator {
  const { min, max } = options;
  const message = (args: ValidationArguments) => `must be an integer between ${min} and ${max}, ${shown(args)}`;
  return applyDecorators(
    Expose(),
    Transform(({ value }: { value: unknown }) => {
      if (!isSet(value)) return options.default;
      return /^\s*\d{1,15}\s*$/.test(value) ? Number(value) : value;
    }),
    IsInt({ message }),
    Min(min, { message }),
    Max(max, { message }),
  );
}

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];

export function BooleanVariable(options: { default: boolean }): PropertyDecorator {
  return applyDecorators(
    Expose(),
    Transform(({ value }: { value: unknown }) => {
      if (!isSet(value)) return options.default;
      const word = value.trim().toLowerCase();
      return TRUE.includes(word) ? true : FALSE.includes(word) ? false : value;
    }),
    IsBoolean({ message: (args: ValidationArguments) => `must be true or false, ${shown(args)}` }),
  );
}

export function OneOfVariable(values: readonly string[], options: { default: string }): PropertyDecorator {
  return applyDecorators(
    Expose(),
    Transform(({ value }: { value: unknown }) => (isSet(value) ? value.trim() : options.default)),
    IsIn(values, { message: (args: ValidationArguments) => `must be one of ${values.join(', ')}, ${shown(args)}` }),
  );
}

/** Text with a default (used when unset or blank); when a pattern is given the value must match it. */
export function TextVariable(options: { default: string; pattern?: RegExp; message?: string }): PropertyDecorator {
  return applyDecorators(
    Expose(),
    Transform(({ value }: { value: unknown }) => (isSet(value) ? value.trim() : options.default)),
    IsString(),
    ...(options.pattern
      ? [
          Matches(options.pattern, {
            message: (args: ValidationArguments) => `${options.message ?? `must match ${String(options.pattern)}`}, ${shown(args)}`,
          }),
        ]
      : []),
  );
}

/** Text that may be unset (or empty, which counts as unset); when set it must match the pattern. */
export function OptionalTextVariable(options: { pattern: RegExp; message: string }): PropertyDecorator {
  return applyDecorators(
    Expose(),
    Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value)),
    IsOptional(),
    IsString({ message: options.message }),
    Matches(options.pattern, { message: options.message }),
  );
}
