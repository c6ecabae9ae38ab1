import { describe, expect, it } from 'vitest';
import { ApiError } from '../common/problem/api-error';
import { OrderIdPipe } from './order-id.pipe';

describe('OrderIdPipe (the {orderId} of a path)', () => {
  const pipe = new OrderIdPipe();

  it("answers 400 VALIDATION_FAILED at orderId for '.' and '..'", () => {
    for (const orderId of ['.', '..']) {
      let thrown: unknown;
      try {
        pipe.transform(orderId);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ApiError);
      expect(thrown).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: { orderId: [expect.stringContaining("'..'")] } });
    }
  });

  it('passes every other id through unchanged', () => {
    for (const orderId of ['...', '.x', 'A-1', '日本']) expect(pipe.transform(orderId)).toBe(orderId);
  });
});
