import { describe, expect, it } from 'vitest';
import { diffJson, diffOrders } from './order-diff';
import { storedOrder } from './order.fixtures';

describe('diffJson', () => {
  it('reports changed leaves by JSON path, including inside arrays', () => {
    const before = storedOrder();
    const after = storedOrder({ status: 'Completed' });
    after.lineItems.items[1]!.quantity = 3;
    expect(diffOrders(before, after)).toEqual([
      { op: 'changed', path: 'status', from: 'InProgress', to: 'Completed' },
      { op: 'changed', path: 'lineItems.items[1].quantity', from: 2, to: 3 },
    ]);
  });

  it('reports added and removed fields and array items whole', () => {
    const before = storedOrder({ externalStatus: 'Packed' });
    const after = storedOrder({ delivery: { method: 'Post' } });
    after.lineItems.items.pop();
    expect(diffOrders(before, after)).toEqual([
      { op: 'removed', path: 'lineItems.items[1]', from: before.lineItems.items[1] },
      { op: 'removed', path: 'externalStatus', from: 'Packed' },
      { op: 'added', path: 'delivery', to: { method: 'Post' } },
    ]);
  });

  it('lists every top-level field of a first version as added, and nothing for equal values', () => {
    const order = storedOrder();
    expect(diffOrders(null, order).map((c) => c.path)).toEqual(Object.keys(order));
    expect(diffOrders(order, structuredClone(order))).toEqual([]);
    expect(diffJson(1, '1')).toEqual([{ op: 'changed', path: '', from: 1, to: '1' }]);
    expect(diffJson([1], { 0: 1 })).toEqual([{ op: 'changed', path: '', from: [1], to: { 0: 1 } }]);
  });
});
