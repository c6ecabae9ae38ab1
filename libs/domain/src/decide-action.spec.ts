import { describe, expect, it } from 'vitest';
import { decideOrderAction } from './decide-action';
import { given, registered, storedOrder } from './order.fixtures';
import type { OrderEvent } from './order-events';
import { orderAtAction } from './order-at-action';
import { encodeVersionTag } from './version-tag';

const statusChanged: OrderEvent = { type: 'OrderStatusChanged', data: { orderId: 'order-1', status: 'Completed' } };
const command = (versionTag: unknown, action: unknown = { action: 'confirm order', language: 'sv' }) => ({
  type: 'RequestOrderAction' as const,
  orderId: 'order-1',
  action,
  versionTag,
});

describe('E7 decideOrderAction', () => {
  it('given the current versionTag, records the action with the version it applies to', () => {
    const state = given(registered(), statusChanged);
    expect(decideOrderAction(command(encodeVersionTag('order-1', 1)), state)).toEqual({
      ok: true,
      action: { action: 'ConfirmOrder', language: 'sv' },
      version: 1,
      events: [
        { type: 'OrderActionRequested', data: { orderId: 'order-1', action: { action: 'ConfirmOrder', language: 'sv' }, version: 1 } },
      ],
    });
  });

  it('an earlier action does not move the version: the same tag is still current', () => {
    const acted: OrderEvent = { type: 'OrderActionRequested', data: { orderId: 'order-1', action: { action: 'Custom' }, version: 0 } };
    expect(decideOrderAction(command(encodeVersionTag('order-1', 0)), given(registered(), acted)).ok).toBe(true);
  });

  it('rejects a stale, foreign or malformed tag as VERSION_TAG_MISMATCH', () => {
    const state = given(registered(), statusChanged);
    for (const tag of [encodeVersionTag('order-1', 0), encodeVersionTag('other', 1), 'garbage']) {
      expect(decideOrderAction(command(tag), state)).toMatchObject({ ok: false, rejection: { code: 'VERSION_TAG_MISMATCH' } });
    }
  });

  it('checks the body first (400), then that the order exists (404)', () => {
    expect(decideOrderAction(command(undefined, { action: 'Dance' }), given())).toEqual({
      ok: false,
      rejection: {
        code: 'VALIDATION_FAILED',
        message: 'the request is not valid',
        errors: { action: [expect.stringContaining('must be one of')], versionTag: ['is required'] },
      },
    });
    expect(decideOrderAction(command('0-00000000'), given())).toMatchObject({ ok: false, rejection: { code: 'ORDER_NOT_FOUND' } });
    expect(
      decideOrderAction(
        command(encodeVersionTag('order-1', 1)),
        given(registered(), { type: 'OrderDeleted', data: { orderId: 'order-1' } }),
      ),
    ).toMatchObject({
      ok: false,
      rejection: { code: 'ORDER_NOT_FOUND' },
    });
  });
});

describe('orderAtAction: the order exactly as the action saw it', () => {
  const numbered = (...events: OrderEvent[]) => events.map((event, revision) => ({ event, revision }));
  const replaced: OrderEvent = { type: 'OrderReplaced', data: { order: storedOrder({ totalPrice: 999 }) } };

  it('an embedded action applies to the version of the change just before it', () => {
    const events = numbered(
      registered(),
      { type: 'OrderActionRequested', data: { orderId: 'order-1', action: { action: 'ConfirmOrder' } } },
      replaced,
    );
    expect(orderAtAction(events, 1)).toEqual({ order: storedOrder(), version: 0 });
  });

  it('an E7 action applies to its explicit version, whatever came between', () => {
    const events = numbered(
      registered(),
      statusChanged,
      { type: 'OrderActionRequested', data: { orderId: 'order-1', action: { action: 'Custom' }, version: 1 } },
      { type: 'OrderActionRequested', data: { orderId: 'order-1', action: { action: 'ConfirmOrder' }, version: 1 } },
    );
    expect(orderAtAction(events, 3)).toEqual({ order: { ...storedOrder(), status: 'Completed' }, version: 1 });
    expect(orderAtAction(events, 0)).toBeNull();
  });
});
