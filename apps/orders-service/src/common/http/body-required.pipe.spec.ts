import type { ArgumentMetadata } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { RequestValidationError } from '../validation';
import { BodyRequiredPipe } from './body-required.pipe';

class SomeDto {}
const pipe = new BodyRequiredPipe();
const body: ArgumentMetadata = { type: 'body', metatype: SomeDto };

describe('BodyRequiredPipe', () => {
  it('refuses a missing body of a route that takes one, at the path $', () => {
    expect(() => pipe.transform(undefined, body)).toThrow(RequestValidationError);
    try {
      pipe.transform(undefined, body);
    } catch (error) {
      expect((error as RequestValidationError).errors).toStrictEqual({ $: ['a JSON body is required'] });
    }
  });

  it('passes bodies (even empty objects and null, which the validation pipe judges), fields, params and queries', () => {
    expect(pipe.transform({}, body)).toStrictEqual({});
    expect(pipe.transform(null, body)).toBeNull();
    expect(pipe.transform(undefined, { ...body, data: 'name' })).toBeUndefined();
    expect(pipe.transform(undefined, { type: 'query', metatype: SomeDto })).toBeUndefined();
    expect(pipe.transform(undefined, { type: 'param', metatype: String, data: 'id' })).toBeUndefined();
  });
});
