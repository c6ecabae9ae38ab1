import { describe, expect, it } from 'vitest';
import { toProblem } from '../problem/problem.mapper';
import { capFieldErrors, MAX_REPORTED_ERRORS } from './ajv-field-errors';
import { RequestValidationError } from './request-validation.error';

const manyErrors = (count: number) =>
  Object.fromEntries(
    Array.from({ length: count }, (_, i) => [`lineItems.items[${i}].quantity`, ['quantity should not be null or undefined']]),
  );

describe('at most MAX_REPORTED_ERRORS failing paths in an answer', () => {
  it('keeps errors of up to 100 paths as they are', () => {
    const errors = manyErrors(MAX_REPORTED_ERRORS);
    expect(capFieldErrors(errors)).toStrictEqual({ errors, truncated: false });
  });

  it('keeps the first 100 paths of more, and says so', () => {
    const { errors, truncated } = capFieldErrors(manyErrors(3000));
    expect(truncated).toBe(true);
    expect(Object.keys(errors)).toStrictEqual(Object.keys(manyErrors(MAX_REPORTED_ERRORS)));
  });

  it('the problem answer lists 100 paths with errorsTruncated: true, whoever produced the errors', () => {
    const { problem } = toProblem(new RequestValidationError(manyErrors(250)));
    expect(problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errorsTruncated: true });
    expect(Object.keys(problem.errors!)).toHaveLength(100);

    const already = toProblem(new RequestValidationError(manyErrors(3), { truncated: true })).problem;
    expect(already).toMatchObject({ errorsTruncated: true });
    expect(toProblem(new RequestValidationError(manyErrors(3))).problem).not.toHaveProperty('errorsTruncated');
  });
});
