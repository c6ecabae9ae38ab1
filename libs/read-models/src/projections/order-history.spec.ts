import { describe, expect, it } from 'vitest';
import { encodeVersionTag, type Order } from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';
import { orderAt, orderHistory } from './order-history';

const order = (overrides: Partial<Order> = {}): Order => ({
  orderId: 'h-1',
  contact: { matchKey: 'c1', matchKeyType: 'ContactId' },
  status: 'InProgress',
  type: 'Purchase',
  currencyCode: 'SEK',
  totalPrice: 10,
  createdAt: '2026-01-01T00:00:00Z',
  lineItems: { items: [{ type: 'Purchase', quantity: 1, article: { sku: 'A' }, totalPrice: 10 }] },
  ...overrides,
});

let position = 0;
const event = (revision: number, type: string, data: Record<string, unknown>, minute: number): RecordedEvent => ({
  id: `e${revision}`,
  streamId: 'order-h-1',
  revision,
  position: ++position,
  type,
  data,
  metadata: { schemaVersion: 1, correlationId: `corr-${revision}`, jobId: `job-${revision}`, apiKeyName: 'shop' },
  createdAt: `2026-02-01T10:${String(minute).padStart(2, '0')}:00.000Z`,
});

const replaced = order({
  lineItems: { items: [{ type: 'Purchase', quantity: 2, article: { sku: 'A' }, totalPrice: 20 }] },
  totalPrice: 20,
});
const stream = [
  event(0, 'OrderRegistered', { order: order() }, 0),
  event(1, 'OrderStatusChanged', { orderId: 'h-1', status: 'Completed' }, 1),
  event(2, 'OrderActionRequested', { orderId: 'h-1', action: { action: 'ConfirmCompletion' } }, 1),
  event(3, 'OrderReplaced', { order: { ...replaced, status: 'Completed' } }, 2),
  event(4, 'OrderDeleted', { orderId: 'h-1' }, 3),
];

describe('orderHistory', () => {
  it('lists every event with its version, metadata and field-level diff', () => {
    const history = orderHistory(stream);
    expect(history.map((e) => [e.revision, e.type, e.versionTag, e.deleted])).toEqual([
      [0, 'OrderRegistered', encodeVersionTag('h-1', 0), false],
      [1, 'OrderStatusChanged', encodeVersionTag('h-1', 1), false],
      [2, 'OrderActionRequested', encodeVersionTag('h-1', 1), false],
      [3, 'OrderReplaced', encodeVersionTag('h-1', 3), false],
      [4, 'OrderDeleted', encodeVersionTag('h-1', 3), true],
    ]);
    expect(history[0]).toMatchObject({ apiKeyName: 'shop', correlationId: 'corr-0', jobId: 'job-0', time: '2026-02-01T10:00:00.000Z' });
    expect(history[0]!.changes.map((c) => c.path)).toContain('lineItems');
    expect(history[1]!.changes).toEqual([{ op: 'changed', path: 'status', from: 'InProgress', to: 'Completed' }]);
    expect(history[2]).toMatchObject({ changes: [], action: { action: 'ConfirmCompletion' } });
    expect(history[3]!.changes).toEqual([
      { op: 'changed', path: 'totalPrice', from: 10, to: 20 },
      { op: 'changed', path: 'lineItems.items[0].quantity', from: 1, to: 2 },
      { op: 'changed', path: 'lineItems.items[0].totalPrice', from: 10, to: 20 },
    ]);
    expect(history[4]!.changes).toEqual([]);
  });

  it('builds only the requested window', () => {
    expect(orderHistory(stream, { offset: 1, count: 2 }).map((e) => e.revision)).toEqual([1, 2]);
    expect(orderHistory(stream, { offset: 9, count: 2 })).toEqual([]);
  });
});

describe('orderAt', () => {
  it('rebuilds the order at a version; revisions that produced no version give null', () => {
    expect(orderAt(stream, { revision: 0 })?.order).toEqual(order());
    expect(orderAt(stream, { revision: 1 })?.order.status).toBe('Completed');
    expect(orderAt(stream, { revision: 2 })).toBeNull();
    expect(orderAt(stream, { revision: 4 })).toBeNull();
    expect(orderAt(stream, { revision: 3 })).toMatchObject({
      versionTag: encodeVersionTag('h-1', 3),
      deleted: false,
      order: { totalPrice: 20 },
    });
  });

  it('rebuilds the order at an instant, also after its deletion', () => {
    expect(orderAt(stream, { at: '2026-02-01T09:59:59Z' })).toBeNull();
    expect(orderAt(stream, { at: '2026-02-01T11:00:30+01:00' })?.order).toEqual(order());
    expect(orderAt(stream, { at: '2026-02-01T10:01:00Z' })?.version).toBe(1);
    expect(orderAt(stream, { at: '2026-02-01T10:05:00Z' })).toMatchObject({ deleted: true, version: 3, order: { totalPrice: 20 } });
  });
});
