import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@orders/event-store';
import { ownVersion, versionAfter } from './job-version';

const order = { orderId: 'j-1', contact: { matchKey: 'c', matchKeyType: 'ContactId' }, status: 'InProgress', lineItems: { items: [] } };
const event = (revision: number, type: string, data: Record<string, unknown> = { orderId: 'j-1' }): RecordedEvent => ({
  id: `e${revision}`,
  streamId: 'order-j-1',
  revision,
  position: revision + 1,
  type,
  data,
  metadata: {},
  createdAt: '2026-01-01T00:00:00.000Z',
});

const stream = [
  event(0, 'OrderRegistered', { order }),
  event(1, 'OrderStatusChanged', { orderId: 'j-1', status: 'Completed' }),
  event(2, 'OrderActionRequested', { orderId: 'j-1', action: { action: 'ConfirmOrder' }, version: 1 }),
  event(3, 'OrderDeliveryChanged', { orderId: 'j-1', delivery: { method: 'Pickup' } }),
  event(4, 'OrderActionRequested', { orderId: 'j-1', action: { action: 'ConfirmShipment' } }),
  event(5, 'OrderDeleted'),
  event(6, 'OrderRegistered', { order }),
  event(7, 'OrderReplaced', { order }),
  event(8, 'OrderDeleted'),
];

describe('the version a job names', () => {
  it('a change is its own version; an E7 action names the version it ran on', () => {
    expect(stream.map(ownVersion)).toEqual([0, 1, 1, 3, null, null, 6, 7, null]);
  });

  it('a delete (or an action without version) keeps the version before it, as the history shows', () => {
    expect(versionAfter(stream.slice(0, 5))).toBe(3);
    expect(versionAfter(stream.slice(0, 6))).toBe(3);
    expect(versionAfter(stream)).toBe(7);
    expect(versionAfter([])).toBeNull();
  });
});
