import { describe, expect, it } from 'vitest';
import { decide, initialOrderState } from '@orders/domain';
import { demoDataSet } from '@orders/demo-data';
import { changeStatusCommand, contactEntry, InvalidDemoBodyError, registerOrderCommand } from './demo-bodies';

const now = '2026-11-23T12:00:00.000Z';

describe('demo bodies as domain commands', () => {
  const demo = demoDataSet({ seed: 11, orders: 50, baseTime: Date.parse('2026-11-23T00:00:00Z') }).orders;

  it('the domain accepts every generated order and its later status change', () => {
    for (const order of demo) {
      const registered = decide(registerOrderCommand(order.body), initialOrderState, { now });
      expect(registered.ok, JSON.stringify(registered)).toBe(true);
      if (!registered.ok || !order.later) continue;
      const state = { status: 'active' as const, order: (registered.events[0]!.data as { order: never }).order, version: 0, revision: 0 };
      expect(decide(changeStatusCommand(order.orderId, order.later), state, { now }).ok).toBe(true);
    }
  });

  it('an embedded orderAction rides along as the command action, as the API maps it', () => {
    const command = registerOrderCommand({ ...demo[0]!.body, orderAction: { action: 'ConfirmOrder' } });
    expect(command).toMatchObject({ type: 'RegisterOrder', orderAction: { action: 'ConfirmOrder' } });
    expect(command).not.toHaveProperty('order.orderAction');
  });

  it('an entry the domain refuses is an InvalidDemoBodyError naming the field; accepted ones come canonical', () => {
    expect(() => contactEntry('c-1', { mobilePhone: '0701234567' })).toThrow(InvalidDemoBodyError);
    expect(() => contactEntry('c-1', { mobilePhone: '0701234567' })).toThrow(/mobilePhone/);
    const entry = contactEntry('c-1', { mobilePhone: '+46 70-000 00 42', email: ' Ada@Example.com ' });
    expect(entry).toEqual({ mobilePhone: '+46700000042', email: 'Ada@Example.com' });
  });
});
