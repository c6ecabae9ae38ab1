import { describe, expect, it } from 'vitest';
import { canonicalJson, idempotentEventId, requestHash } from './idempotency';

describe('idempotency helpers', () => {
  it('canonical JSON ignores key order and undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe('{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(requestHash({ a: 1, b: 2 })).toBe(requestHash({ b: 2, a: 1 }));
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
    expect(requestHash({ type: 'DeleteOrder', orderId: 'a' })).not.toBe(requestHash({ type: 'DeleteOrder', orderId: 'b' }));
  });

  it('event ids are deterministic UUIDs per (key name, idempotency key, index)', () => {
    const id = idempotentEventId('shop', 'k-1', 0);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(idempotentEventId('shop', 'k-1', 0)).toBe(id);
    expect(
      new Set([id, idempotentEventId('shop', 'k-1', 1), idempotentEventId('pos', 'k-1', 0), idempotentEventId('shop', 'k-2', 0)]).size,
    ).toBe(4);
  });
});
