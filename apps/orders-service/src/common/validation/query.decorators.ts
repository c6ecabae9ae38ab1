import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsOptional, IsString, Length } from 'class-validator';

/**
 * The messages of query-parameter rules in the API's words (`contactId is required`, `contactId must be
 * 1–100 characters`) rather than class-validator's defaults (`contactId should not be null or undefined`).
 * They are class-validator `message` options like the body rules', flattened into `errors` by the same
 * validation pipe; `$property` is the parameter's name.
 */
export const QUERY_MESSAGES = {
  required: { message: '$property is required' },
  /** a query value that is not one string was given more than once (`?contactId=a&contactId=b`) */
  once: { message: '$property must be given once' },
  length: (min: number, max: number) => ({ message: `$property must be ${min}–${max} characters` }),
} as const;

export interface QueryTextOptions {
  description: string;
  example?: string;
  required: boolean;
  maxLength: number;
}

/** A text query parameter of 1–`maxLength` characters, given once. */
export function QueryText(options: QueryTextOptions): PropertyDecorator {
  const doc = { type: String, description: options.description, example: options.example, minLength: 1, maxLength: options.maxLength };
  return applyDecorators(
    ...(options.required ? [ApiProperty(doc), IsDefined(QUERY_MESSAGES.required)] : [ApiPropertyOptional(doc), IsOptional()]),
    IsString(QUERY_MESSAGES.once),
    Length(1, options.maxLength, QUERY_MESSAGES.length(1, options.maxLength)),
  );
}
