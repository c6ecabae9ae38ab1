import { describe, expect, it } from 'vitest';
import { newEventId } from './event-id';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newEventId', () => {
  it('is a UUID version 7 whose first 48 bits are the creation time in milliseconds', () => {
    const before = Date.now();
    const id = newEventId();
    const after = Date.now();

    expect(id).toMatch(V7);
    const millis = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(millis).toBeGreaterThanOrEqual(before);
    expect(millis).toBeLessThanOrEqual(after);
  });

  it('ids made one after another sort one after another and never repeat, also within one millisecond', () => {
    const ids = Array.from({ length: 5_000 }, () => newEventId());

    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
