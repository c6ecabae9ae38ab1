import { describe, it, expect } from 'vitest';
import { decide } from './decide';
import { initialOrderState } from './order-state';
import type { OrderCommand } from './order-commands';
import { NOW, asInput, deleted, given, orderBody, registered, storedOrder } from './order.fixtures';

const ctx = { now: NOW };
const register = (body: unknown, orderAction?: unknown): OrderCommand => ({
  type: 'RegisterOrder',
  order: asInput(body),
  ...(orderAction === undefined ? {} : { orderAction: orderAction as never }),
});
const replace = (body: unknown, orderId = 'order-1', orderAction?: unknown): OrderCommand => ({
  type: 'ReplaceOrder',
  orderId,
  order: asInput(body),
  ...(orderAction === undefined ? {} : { orderAction: orderAction as never }),
});

describe('decide RegisterOrder', () => {
  it('given no stream, when registering, then OrderRegistered with the normalized order', () => {
    expect(decide(register(orderBody({ status: 'in progress' })), initialOrderState, ctx)).toEqual({
      ok: true,
      events: [{ type: 'OrderRegistered', data: { order: storedOrder() } }],
    });
  });

  it('given an active order, when registering the same id, then ORDER_ALREADY_EXISTS', () => {
    const result = decide(register(orderBody()), given(registered()), ctx);
    expect(result).toMatchObject({ ok: false, rejection: { code: 'ORDER_ALREADY_EXISTS' } });
  });

  it('given a deleted order, when registering the id again, then OrderRegistered with a fresh createdAt', () => {
    const old = storedOrder({ createdAt: '2020-01-01T00:00:00Z' });
    const result = decide(register(orderBody()), given(registered(old), deleted()), ctx);
    expect(result).toEqual({ ok: true, events: [{ type: 'OrderRegistered', data: { order: storedOrder() } }] });
  });

  it('given an active order, when registering an invalid body, then VALIDATION_FAILED (the body is checked first)', () => {
    const result = decide(register(orderBody({ totalPrice: -1 })), given(registered()), ctx);
    expect(result).toEqual({
      ok: false,
      rejection: {
        code: 'VALIDATION_FAILED',
        message: 'the request is not valid',
        errors: { totalPrice: ['must be greater than or equal to 0'] },
      },
    });
  });

  it('when registering with an orderAction, then OrderActionRequested follows OrderRegistered', () => {
    const result = decide(register(orderBody(), { action: 'confirmorder', language: 'sv-SE' }), initialOrderState, ctx);
    expect(result).toEqual({
      ok: true,
      events: [
        { type: 'OrderRegistered', data: { order: storedOrder() } },
        { type: 'OrderActionRequested', data: { orderId: 'order-1', action: { action: 'ConfirmOrder', language: 'sv-SE' } } },
      ],
    });
  });

  it('when the order and its action are both invalid, then all errors come back together', () => {
    const result = decide(register(orderBody({ orderId: '' }), { action: 'Dance' }), initialOrderState, ctx);
    expect(result.ok === false && result.rejection.code === 'VALIDATION_FAILED' && Object.keys(result.rejection.errors)).toEqual([
      'orderId',
      'orderAction.action',
    ]);
  });

  it('when the orderAction is null, then it is ignored', () => {
    const result = decide(register(orderBody(), null), initialOrderState, ctx);
    expect(result.ok && result.events.map((e) => e.type)).toEqual(['OrderRegistered']);
  });
});

describe('decide ReplaceOrder', () => {
  it('given no order, when replacing, then ORDER_NOT_FOUND even if the body is invalid', () => {
    expect(decide(replace({}), initialOrderState, ctx)).toMatchObject({ ok: false, rejection: { code: 'ORDER_NOT_FOUND' } });
  });

  it('given a deleted order, when replacing, then ORDER_NOT_FOUND', () => {
    const result = decide(replace(orderBody()), given(registered(), deleted()), ctx);
    expect(result).toMatchObject({ ok: false, rejection: { code: 'ORDER_NOT_FOUND' } });
  });

  it('given an order, when replacing without createdAt, then OrderReplaced keeps the original createdAt', () => {
    const state = given(registered(storedOrder({ createdAt: '2024-01-01T08:00:00+01:00' })));
    const result = decide(replace(orderBody({ status: 'completed', totalPrice: 250 })), state, { now: '2024-07-01T00:00:00Z' });
    expect(result).toEqual({
      ok: true,
      events: [
        {
          type: 'OrderReplaced',
          data: { order: storedOrder({ status: 'Completed', totalPrice: 250, createdAt: '2024-01-01T08:00:00+01:00' }) },
        },
      ],
    });
  });

  it('given an order, when the body names another orderId, then VALIDATION_FAILED on orderId', () => {
    const result = decide(replace(orderBody({ orderId: 'order-2' })), given(registered()), ctx);
    expect(result).toMatchObject({
      ok: false,
      rejection: { code: 'VALIDATION_FAILED', errors: { orderId: ['must equal the orderId of the path (order-1)'] } },
    });
  });

  it('given an order, when replacing with an orderAction, then OrderActionRequested follows OrderReplaced', () => {
    const result = decide(replace(orderBody(), 'order-1', { action: 'Custom', data: { a: 1 } }), given(registered()), ctx);
    expect(result.ok && result.events.map((e) => e.type)).toEqual(['OrderReplaced', 'OrderActionRequested']);
    expect(result.ok && result.events[1]?.data).toEqual({ orderId: 'order-1', action: { action: 'Custom', data: { a: 1 } } });
  });

  it('given an order, when replacing with an invalid action, then VALIDATION_FAILED under orderAction', () => {
    const result = decide(replace(orderBody(), 'order-1', { action: 'Custom', language: 5 }), given(registered()), ctx);
    expect(result).toMatchObject({
      ok: false,
      rejection: { code: 'VALIDATION_FAILED', errors: { 'orderAction.language': ['must be a string'] } },
    });
  });
});

describe('decide DeleteOrder', () => {
  it('given an order, when deleting, then OrderDeleted', () => {
    expect(decide({ type: 'DeleteOrder', orderId: 'order-1' }, given(registered()), ctx)).toEqual({
      ok: true,
      events: [{ type: 'OrderDeleted', data: { orderId: 'order-1' } }],
    });
  });

  it('given no order or a deleted one, when deleting, then ORDER_NOT_FOUND', () => {
    for (const state of [initialOrderState, given(registered(), deleted())]) {
      expect(decide({ type: 'DeleteOrder', orderId: 'order-1' }, state, ctx)).toEqual({
        ok: false,
        rejection: { code: 'ORDER_NOT_FOUND', message: 'order order-1 was not found' },
      });
    }
  });
});
