import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { ToInteger } from './transforms';

/** Where a paging field arrives: query strings are text (plain digits are converted), JSON bodies carry numbers. */
export type PagingInput = 'query' | 'body';

const fromText = (input: PagingInput): PropertyDecorator[] => (input === 'query' ? [ToInteger()] : []);

/** As if written one above the other on the property: stacked decorators apply bottom-up, applyDecorators in list order. */
const stacked = (...decorators: PropertyDecorator[]): PropertyDecorator => applyDecorators(...decorators.reverse());

/** What a bad `offset` is told, whatever is wrong with it (`-1`, `abc`, `1.5`): the rule, not the type. */
const OFFSET_RULE = { message: '$property must be an integer ≥ 0' };

/** `offset`: how many items to skip (≥ 0, default 0). */
export function PageOffset(description: string, input: PagingInput): PropertyDecorator {
  return stacked(
    ApiPropertyOptional({ type: Number, description, minimum: 0, default: 0, example: 0 }),
    ...fromText(input),
    IsInt(OFFSET_RULE),
    Min(0, OFFSET_RULE),
    Max(Number.MAX_SAFE_INTEGER, OFFSET_RULE),
  );
}

/** `count`: the page size (1..max, default `fallback`); `0`, `101` and `abc` are all told the range. */
export function PageCount(description: string, input: PagingInput, max: number, fallback: number): PropertyDecorator {
  const rule = { message: `$property must be an integer from 1 to ${max}` };
  return stacked(
    ApiPropertyOptional({ type: Number, description, minimum: 1, maximum: max, default: fallback, example: fallback }),
    ...fromText(input),
    IsInt(rule),
    Min(1, rule),
    Max(max, rule),
  );
}
