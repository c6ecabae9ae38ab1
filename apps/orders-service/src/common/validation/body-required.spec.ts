import type { ArgumentMetadata } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { requireBody } from './body-required';
import { createValidationPipe } from './create-validation-pipe';
import { RequestValidationError } from './request-validation.error';

class SomeDto {}
const body: ArgumentMetadata = { type: 'body', metatype: SomeDto };

describe('requireBody', () => {
  it('refuses a missing body of a route that takes one, at the path $', () => {
    expect(() => requireBody(undefined, body)).toThrow(RequestValidationError);
    try {
      requireBody(undefined, body);
    } catch (error) {
      expect((error as RequestValidationError).errors).toStrictEqual({ $: ['a JSON body is required'] });
    }
  });

  it('passes bodies (even empty objects and null, which the validation pipe judges), fields, params and queries', () => {
    expect(() => requireBody({}, body)).not.toThrow();
    expect(() => requireBody(null, body)).not.toThrow();
    expect(() => requireBody(undefined, { ...body, data: 'name' })).not.toThrow();
    expect(() => requireBody(undefined, { type: 'query', metatype: SomeDto })).not.toThrow();
    expect(() => requireBody(undefined, { type: 'param', metatype: String, data: 'id' })).not.toThrow();
  });

  it('is the first check of the validation pipe, also for a body without a DTO class', async () => {
    const pipe = createValidationPipe();
    await expect(pipe.transform(undefined, body)).rejects.toMatchObject({
      errors: { $: ['a JSON body is required'] },
    });
    await expect(pipe.transform(undefined, { type: 'body' })).rejects.toBeInstanceOf(RequestValidationError);
  });
});
