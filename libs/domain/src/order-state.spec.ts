import { describe, it, expect } from 'vitest';
import { evolve, foldOrderEvents, initialOrderState, isActive, makesNewVersion } from './order-state';
import { ORDER_EVENT_TYPES, type OrderEvent, toOrderEvents } from './order-events';
import { deleted, given, registered, storedOrder } from './order.fixtures';

describe('evolve', () => {
  it('starts absent, with no order, no version and no stream', () => {
    expect(initialOrderState).toEqual({ status: 'absent', order: null, version: null, revision: null });
    expect(isActive(initialOrderState)).toBe(false);
  });

  it('given OrderRegistered, the order is active at that revision', () => {
    const state = given(registered());
    expect(state).toEqual({ status: 'active', order: storedOrder(), version: 0, revision: 0 });
    expect(isActive(state)).toBe(true);
  });

  it('given OrderReplaced, the content is the new order and the version moves', () => {
    const replacement = storedOrder({ totalPrice: 250 });
    const state = given(registered(), { type: 'OrderReplaced', data: { order: replacement } });
    expect(state).toEqual({ status: 'active', order: replacement, version: 1, revision: 1 });
  });

  it('given OrderStatusChanged, only the fields it carries change', () => {
    const onlyExternal = given(registered(), {
      type: 'OrderStatusChanged',
      data: { orderId: 'order-1', externalStatus: 'Packed' },
    });
    expect(onlyExternal.order).toEqual(storedOrder({ externalStatus: 'Packed' }));
    expect(onlyExternal.version).toBe(1);
    const both = evolve(onlyExternal, { type: 'OrderStatusChanged', data: { orderId: 'order-1', status: 'Completed' } }, 2);
    expect(both.order).toMatchObject({ status: 'Completed', externalStatus: 'Packed' });
  });

  it('given OrderDeliveryChanged, the delivery fields are merged into the existing delivery', () => {
    const state = given(registered(storedOrder({ delivery: { method: 'Postnord', trackingNumber: 'T1' } })), {
      type: 'OrderDeliveryChanged',
      data: { orderId: 'order-1', delivery: { trackingNumber: 'T2', deliveryDate: '2024-06-03T12:00:00Z' } },
    });
    expect(state.order?.delivery).toEqual({ method: 'Postnord', trackingNumber: 'T2', deliveryDate: '2024-06-03T12:00:00Z' });
    expect(state.version).toBe(1);
    const noDeliveryYet = given(registered(), {
      type: 'OrderDeliveryChanged',
      data: { orderId: 'order-1', delivery: { method: 'Bring' } },
    });
    expect(noDeliveryYet.order?.delivery).toEqual({ method: 'Bring' });
  });

  it('given OrderActionRequested, only the stream revision moves: the versionTag stays', () => {
    const action: OrderEvent = { type: 'OrderActionRequested', data: { orderId: 'order-1', action: { action: 'ConfirmOrder' } } };
    const state = given(registered(), action);
    expect(state).toEqual({ status: 'active', order: storedOrder(), version: 0, revision: 1 });
  });

  it('given OrderDeleted, the last content stays with status deleted', () => {
    const state = given(registered(), deleted());
    expect(state).toEqual({ status: 'deleted', order: storedOrder(), version: 0, revision: 1 });
    expect(isActive(state)).toBe(false);
  });

  it('given a registration after a delete, the order is active again and the stream continues', () => {
    const again = storedOrder({ totalPrice: 1 });
    const state = given(registered(), deleted(), registered(again));
    expect(state).toEqual({ status: 'active', order: again, version: 2, revision: 2 });
  });

  it('given an event type it does not know, only the revision moves', () => {
    const unknown = { type: 'OrderArchived', data: {} } as unknown as OrderEvent;
    expect(given(registered(), unknown)).toEqual({ status: 'active', order: storedOrder(), version: 0, revision: 1 });
  });

  it('does not change the state it is given', () => {
    const before = given(registered());
    const snapshot = structuredClone(before);
    evolve(before, { type: 'OrderStatusChanged', data: { orderId: 'order-1', status: 'Cancelled' } }, 1);
    expect(before).toEqual(snapshot);
  });
});

describe('foldOrderEvents', () => {
  it('folds recorded events with their revisions, from the initial state or a given one', () => {
    const events = [
      { event: registered(), revision: 0 },
      { event: { type: 'OrderStatusChanged', data: { orderId: 'order-1', status: 'Completed' } } as OrderEvent, revision: 1 },
    ];
    const state = foldOrderEvents(events);
    expect(state).toMatchObject({ status: 'active', version: 1, revision: 1, order: { status: 'Completed' } });
    expect(foldOrderEvents([{ event: deleted(), revision: 2 }], state)).toMatchObject({ status: 'deleted', revision: 2 });
    expect(foldOrderEvents([])).toBe(initialOrderState);
  });
});

describe('makesNewVersion', () => {
  const examples: OrderEvent[] = [
    registered(),
    { type: 'OrderReplaced', data: { order: storedOrder({ totalPrice: 3 }) } },
    { type: 'OrderStatusChanged', data: { orderId: 'order-1', status: 'Completed' } },
    { type: 'OrderDeliveryChanged', data: { orderId: 'order-1', delivery: { method: 'Pickup' } } },
    { type: 'OrderActionRequested', data: { orderId: 'order-1', action: { action: 'ConfirmOrder' } } },
    { type: 'OrderPersonalDataErased', data: { orderId: 'order-1' } },
    deleted(),
  ];

  it('says of every event type what evolve does: whether the version becomes the revision of the event', () => {
    expect(new Set(examples.map((e) => e.type))).toEqual(new Set(ORDER_EVENT_TYPES));
    for (const event of examples) {
      const after = evolve(given(registered()), event, 7);
      expect(makesNewVersion(event), event.type).toBe(after.version === 7);
    }
  });
});

describe('toOrderEvents', () => {
  it('maps recorded {type, data, revision} to what foldOrderEvents takes', () => {
    const recorded = [{ type: 'OrderRegistered', data: { order: storedOrder() }, revision: 0, position: 9 }];
    expect(toOrderEvents(recorded)).toEqual([{ event: registered(), revision: 0 }]);
  });
});
