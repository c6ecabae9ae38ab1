import { describe, it, expect } from 'vitest';
import { decide } from './decide';
import { evolve, initialOrderState } from './order-state';
import type { OrderCommand } from './order-commands';
import { NOW, deleted, given, registered, storedOrder } from './order.fixtures';

const ctx = { now: NOW };
const changeStatus = (fields: Record<string, unknown>): OrderCommand =>
  ({ type: 'ChangeOrderStatus', orderId: 'order-1', ...fields }) as OrderCommand;
const changeDelivery = (delivery: unknown, orderAction?: unknown): OrderCommand =>
  ({ type: 'ChangeOrderDelivery', orderId: 'order-1', delivery, ...(orderAction ? { orderAction } : {}) }) as OrderCommand;

describe('decide ChangeOrderStatus', () => {
  it('given no order or a deleted one, then ORDER_NOT_FOUND', () => {
    for (const state of [initialOrderState, given(registered(), deleted())]) {
      expect(decide(changeStatus({ status: 'Completed' }), state, ctx)).toMatchObject({
        ok: false,
        rejection: { code: 'ORDER_NOT_FOUND' },
      });
    }
  });

  it('given an order, when setting the status, then OrderStatusChanged with only that field, canonical', () => {
    expect(decide(changeStatus({ status: 'CANCELLED' }), given(registered()), ctx)).toEqual({
      ok: true,
      events: [{ type: 'OrderStatusChanged', data: { orderId: 'order-1', status: 'Cancelled' } }],
    });
  });

  it('given an order, when setting only externalStatus, then the event carries only externalStatus', () => {
    const result = decide(changeStatus({ externalStatus: 'Packed', status: null }), given(registered()), ctx);
    expect(result).toEqual({
      ok: true,
      events: [{ type: 'OrderStatusChanged', data: { orderId: 'order-1', externalStatus: 'Packed' } }],
    });
  });

  it('given an order, when neither field is given, then VALIDATION_FAILED on status', () => {
    expect(decide(changeStatus({}), given(registered()), ctx)).toMatchObject({
      ok: false,
      rejection: { code: 'VALIDATION_FAILED', errors: { status: ['at least one of status and externalStatus is required'] } },
    });
  });

  it('given an order, when the fields break §3, then VALIDATION_FAILED with both paths', () => {
    const result = decide(changeStatus({ status: 'Shipped', externalStatus: 'x'.repeat(101) }), given(registered()), ctx);
    expect(result.ok === false && result.rejection.code === 'VALIDATION_FAILED' && Object.keys(result.rejection.errors)).toEqual([
      'status',
      'externalStatus',
    ]);
  });

  it('given an order, when an action rides along, then OrderActionRequested follows', () => {
    const result = decide(changeStatus({ status: 'Completed', orderAction: { action: 'ConfirmCompletion' } }), given(registered()), ctx);
    expect(result.ok && result.events).toEqual([
      { type: 'OrderStatusChanged', data: { orderId: 'order-1', status: 'Completed' } },
      { type: 'OrderActionRequested', data: { orderId: 'order-1', action: { action: 'ConfirmCompletion' } } },
    ]);
  });
});

describe('decide ChangeOrderDelivery', () => {
  it('given no order, then ORDER_NOT_FOUND', () => {
    expect(decide(changeDelivery({ method: 'Bring' }), initialOrderState, ctx)).toMatchObject({
      ok: false,
      rejection: { code: 'ORDER_NOT_FOUND' },
    });
  });

  it('given an order, when changing delivery fields, then OrderDeliveryChanged with the given fields only', () => {
    const result = decide(
      changeDelivery({ trackingNumber: 'T9', deliveryDate: '2024-06-05T10:00:00+02:00', method: null, junk: 1 }),
      given(registered()),
      ctx,
    );
    expect(result).toEqual({
      ok: true,
      events: [
        {
          type: 'OrderDeliveryChanged',
          data: { orderId: 'order-1', delivery: { trackingNumber: 'T9', deliveryDate: '2024-06-05T10:00:00+02:00' } },
        },
      ],
    });
  });

  it('given an order, when no delivery field is given, then VALIDATION_FAILED', () => {
    for (const delivery of [{}, null, 'Bring', { junk: 1 }]) {
      expect(decide(changeDelivery(delivery), given(registered()), ctx)).toMatchObject({
        ok: false,
        rejection: {
          code: 'VALIDATION_FAILED',
          errors: { method: ['at least one of method, trackingNumber, trackingUri, deliveryDate is required'] },
        },
      });
    }
  });

  it('given an order, when a field breaks §3, then VALIDATION_FAILED on its path', () => {
    const result = decide(
      changeDelivery({ deliveryDate: '2024-06-05', trackingUri: 'x'.repeat(2001) }, { action: 'Nope' }),
      given(registered()),
      ctx,
    );
    expect(result.ok === false && result.rejection.code === 'VALIDATION_FAILED' && Object.keys(result.rejection.errors).sort()).toEqual([
      'deliveryDate',
      'orderAction.action',
      'trackingUri',
    ]);
  });

  it('given an order with a delivery, when the change is applied, then the delivery is merged', () => {
    const state = given(registered(storedOrder({ delivery: { method: 'Postnord', trackingNumber: 'T1' } })));
    const result = decide(changeDelivery({ trackingNumber: 'T2' }, { action: 'ConfirmShipment' }), state, ctx);
    if (!result.ok) throw new Error('expected events');
    const after = result.events.reduce((s, event, i) => evolve(s, event, 1 + i), state);
    expect(after.order?.delivery).toEqual({ method: 'Postnord', trackingNumber: 'T2' });
    expect(after).toMatchObject({ version: 1, revision: 2 });
  });
});
