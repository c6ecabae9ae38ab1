import { describe, expect, it } from 'vitest';
import { encodeVersionTag, type Order } from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';
import { applyToOrderView, contactIdOf } from './order-view.projection';

const order = (overrides: Partial<Order> = {}): Order => ({
  orderId: 'o-1',
  contact: { matchKey: 'c-1', matchKeyType: 'ContactId' },
  status: 'InProgress',
  type: 'Purchase',
  currencyCode: 'SEK',
  totalPrice: 10,
  createdAt: '2026-01-01T01:00:00+01:00',
  lineItems: { items: [{ type: 'Purchase', quantity: 1, article: { sku: 'A' }, totalPrice: 10 }] },
  ...overrides,
});

let position = 0;
const event = (revision: number, type: string, data: Record<string, unknown>): RecordedEvent => ({
  id: `e-${revision}`,
  streamId: 'order-o-1',
  revision,
  position: ++position,
  type,
  data,
  metadata: {},
  createdAt: '2026-01-02T00:00:00Z',
});

describe('order view projection', () => {
  it('given nothing, when OrderRegistered, then a record with contact, tag, epoch createdAt and warnings', () => {
    const record = applyToOrderView(
      null,
      event(0, 'OrderRegistered', { order: order({ payments: { items: [{ method: 'Card', amount: 5 }] } }) }),
    );
    expect(record).toMatchObject({
      orderId: 'o-1',
      contactId: 'c-1',
      version: 0,
      revision: 0,
      versionTag: encodeVersionTag('o-1', 0),
      deleted: false,
      createdAtMs: Date.parse('2026-01-01T00:00:00Z'),
    });
    expect(record!.warnings.map((w) => w.code)).toEqual(['SUMS_DO_NOT_ADD_UP']);
  });

  it('ignores redelivered events at or below its revision', () => {
    const first = applyToOrderView(null, event(0, 'OrderRegistered', { order: order() }));
    const changed = applyToOrderView(first, event(1, 'OrderStatusChanged', { orderId: 'o-1', status: 'Completed' }));
    expect(applyToOrderView(changed, event(1, 'OrderStatusChanged', { orderId: 'o-1', status: 'Cancelled' }))).toBe(changed);
    expect(changed!.order.status).toBe('Completed');
    expect(changed!.versionTag).toBe(encodeVersionTag('o-1', 1));
  });

  it('an action moves the revision but not the version; deletion keeps the content flagged deleted', () => {
    const first = applyToOrderView(null, event(0, 'OrderRegistered', { order: order() }));
    const acted = applyToOrderView(first, event(1, 'OrderActionRequested', { orderId: 'o-1', action: { action: 'ConfirmOrder' } }));
    expect(acted).toMatchObject({ revision: 1, version: 0, versionTag: first!.versionTag });
    const deleted = applyToOrderView(acted, event(2, 'OrderDeleted', { orderId: 'o-1' }));
    expect(deleted).toMatchObject({ deleted: true, revision: 2 });
    expect(deleted!.order).toEqual(first!.order);
  });

  it('unknown event types move the revision only', () => {
    const first = applyToOrderView(null, event(0, 'OrderRegistered', { order: order() }));
    expect(applyToOrderView(first, event(1, 'SomethingNew', {}))).toEqual({ ...first, revision: 1 });
    expect(applyToOrderView(null, event(0, 'SomethingNew', {}))).toBeNull();
  });

  it('only ContactId match keys resolve to a contact here', () => {
    expect(contactIdOf(order())).toBe('c-1');
    expect(contactIdOf(order({ contact: { matchKey: 'a@b.se', matchKeyType: 'Email' } }))).toBeNull();
  });
});
