import { describe, expect, it } from 'vitest';
import { ApplicationError } from './application-error';
import { rejectionToError } from './rejections';

describe('rejectionToError', () => {
  it('maps every rejection of the order and action deciders to its application error', () => {
    const errors = { status: ['is required'] };
    expect(rejectionToError({ code: 'VALIDATION_FAILED', message: 'the request is not valid', errors }, 'o-1')).toMatchObject({
      code: 'VALIDATION_FAILED',
      title: 'Validation failed',
      detail: 'the request is not valid',
      errors,
    });
    expect(rejectionToError({ code: 'VALIDATION_FAILED', message: 'm', errors }, 'o-1', 'The action request is not valid.').detail).toBe(
      'The action request is not valid.',
    );
    expect(rejectionToError({ code: 'ORDER_NOT_FOUND', message: 'm' }, 'o-1')).toMatchObject({
      code: 'ORDER_NOT_FOUND',
      title: 'Order not found',
      detail: "No order with orderId 'o-1'.",
    });
    expect(rejectionToError({ code: 'ORDER_ALREADY_EXISTS', message: 'm' }, 'o-1')).toMatchObject({
      code: 'ORDER_ALREADY_EXISTS',
      title: 'Order already exists',
      detail: "An order with orderId 'o-1' already exists.",
    });
    const mismatch = rejectionToError({ code: 'VERSION_TAG_MISMATCH', message: 'm' }, 'o-1');
    expect(mismatch).toBeInstanceOf(ApplicationError);
    expect(mismatch).toMatchObject({ code: 'VERSION_TAG_MISMATCH', detail: "The versionTag is not the current version of order 'o-1'." });
  });
});
