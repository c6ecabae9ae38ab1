import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, ValidateNested } from 'class-validator';
import { describe, expect, it } from 'vitest';
import { createValidationPipe, MAX_REQUEST_DEPTH } from './create-validation-pipe';
import { RequestValidationError } from './request-validation.error';
import { IsArrayOfObjects, IsDateTimeWithOffset } from './validators';
import { NullAsMissing, ToInteger } from './transforms';

class ChildDto {
  @IsString()
  name!: string;
}

class ParentDto {
  @IsString()
  title!: string;

  @IsOptional()
  @IsInt()
  size?: number;

  @IsOptional()
  @ValidateNested({ each: true })
  @IsArrayOfObjects()
  @Type(() => ChildDto)
  children?: ChildDto[];
}

class PageDto {
  @ToInteger()
  @IsInt()
  page: number = 1;
}

class WhenDto {
  @NullAsMissing()
  @IsOptional()
  @IsDateTimeWithOffset()
  at?: string;
}

async function rejection(promise: unknown): Promise<RequestValidationError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RequestValidationError) return error;
    throw error;
  }
  throw new Error('expected a RequestValidationError');
}

const body = (value: unknown, metatype: abstract new (...args: never) => object = ParentDto) =>
  createValidationPipe().transform(value, { type: 'body', metatype: metatype as never });

describe('createValidationPipe', () => {
  it("transforms to the DTO class through Nest's ValidationPipe", async () => {
    const pipe = createValidationPipe();
    const result = await pipe.transform({ title: 't', children: [{ name: 'c' }] }, { type: 'body', metatype: ParentDto });

    expect(result).toBeInstanceOf(ParentDto);
    expect((result as ParentDto).children![0]).toBeInstanceOf(ChildDto);
  });

  it('throws RequestValidationError with JSON-path keyed errors', async () => {
    const error = await rejection(body({ title: 1, children: [{ name: 'ok' }, { name: 2 }] }));

    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('RequestValidationError');
    expect(error.errors).toStrictEqual({ title: ['title must be a string'], 'children[1].name': ['name must be a string'] });
  });

  it('rejects unknown properties instead of stripping them (whitelist + forbidNonWhitelisted)', async () => {
    const error = await rejection(body({ title: 't', extra: 1, children: [{ name: 'c', age: 3 }] }));

    expect(error.errors).toStrictEqual({
      extra: ['property extra should not exist'],
      'children[0].age': ['property age should not exist'],
    });
  });

  it('does not convert types implicitly in a body ("3" is not an integer)', async () => {
    expect((await rejection(body({ title: 't', size: '3' }))).errors).toStrictEqual({ size: ['size must be an integer number'] });
  });

  it('collects all errors (stopAtFirstError is off)', async () => {
    const error = await rejection(body({ title: 1, size: 'x', children: 'y' }));

    expect(Object.keys(error.errors)).toStrictEqual(['title', 'size', 'children']);
  });

  it('rejects a body or query that is not a JSON object', async () => {
    for (const value of [[], [{ title: 't' }], 'text', 3, false, new Uint8Array(2)]) {
      expect((await rejection(body(value))).errors).toStrictEqual({ $: ['the request body must be a JSON object'] });
    }
    const query = createValidationPipe().transform(['x'], { type: 'query', metatype: PageDto });
    expect((await rejection(query)).errors).toStrictEqual({ $: ['the request query must be a JSON object'] });
  });

  it(`rejects nesting deeper than ${MAX_REQUEST_DEPTH} levels, naming the path`, async () => {
    const deep: unknown[] = [];
    let cursor = deep;
    for (let i = 0; i < 1000; i++) {
      const next: unknown[] = [];
      cursor.push(next);
      cursor = next;
    }

    const error = await rejection(body({ title: 't', children: deep }));

    expect(error.errors).toStrictEqual({
      [`children${'[0]'.repeat(MAX_REQUEST_DEPTH - 1)}`]: ['must not be nested deeper than 32 levels'],
    });
  });

  it('accepts nesting up to the limit', async () => {
    // body (1) → children (2) → children[0] (3) → … → the innermost object at depth 32
    let value: Record<string, unknown> = { name: 'leaf' };
    for (let depth = 3; depth < MAX_REQUEST_DEPTH; depth++) value = { name: value };

    const error = await rejection(body({ title: 't', children: [value] }));

    expect(Object.keys(error.errors)).toStrictEqual(['children[0].name']); // the type error, not the depth
  });

  it('reports __proto__, constructor and prototype keys instead of letting Nest delete them silently', async () => {
    const value: unknown = JSON.parse('{"title":"t","__proto__":{"x":1},"children":[{"name":"c","constructor":{}}],"prototype":null}');

    const error = await rejection(body(value));

    expect(Object.keys(error.errors).sort()).toStrictEqual(['__proto__', 'children[0].constructor', 'prototype']);
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('leaves route parameters of primitive types alone', async () => {
    const pipe = createValidationPipe();

    expect(await pipe.transform('order-1', { type: 'param', metatype: String, data: 'orderId' })).toBe('order-1');
  });

  it('converts digit-only query strings and keeps defaults', async () => {
    const pipe = createValidationPipe();

    expect(await pipe.transform({ page: '7' }, { type: 'query', metatype: PageDto })).toStrictEqual(
      Object.assign(new PageDto(), { page: 7 }),
    );
    expect(await pipe.transform({}, { type: 'query', metatype: PageDto })).toStrictEqual(new PageDto());
    expect((await rejection(pipe.transform({ page: '7.5' }, { type: 'query', metatype: PageDto }))).errors).toStrictEqual({
      page: ['page must be an integer number'],
    });
  });

  it('treats null as absent on fields marked NullAsMissing', async () => {
    const result = (await body({ at: null }, WhenDto)) as WhenDto;

    expect(result.at).toBeUndefined();
  });
});

describe('IsDateTimeWithOffset', () => {
  it.each([
    '2025-03-01T12:00:00Z',
    '2025-03-01T12:00Z',
    '2025-03-01T12:00:00.123456+01:00',
    '2024-02-29T23:59:59-05:30',
    '2025-03-01T12:00:00+0100',
    '2025-03-01t12:00:00z',
  ])('accepts %s', async (at) => {
    expect(((await body({ at }, WhenDto)) as WhenDto).at).toBe(at);
  });

  it.each(['2025-03-01', '2025-03-01T12:00:00', '2025-03-01T12:00:00+01', '2023-02-29T12:00:00Z', '2025-03-01 12:00:00Z', 'now', 20250301])(
    'rejects %j',
    async (at) => {
      expect((await rejection(body({ at }, WhenDto))).errors).toStrictEqual({
        at: ['at must be an ISO 8601 date-time with an offset (Z or ±hh:mm)'],
      });
    },
  );
});
