import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { getPath, withPaths } from './json-paths';

// V8's own answer to "is this object a dictionary?" (what `delete` makes of an object)
setFlagsFromString('--allow-natives-syntax');
const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;

const data = () => ({
  order: {
    orderId: 'o-1',
    contact: { matchKeyType: 'Email', matchKey: 'anna@x.se' },
    billingAddress: { firstName: 'Anna', city: 'Lund', email: 'anna@x.se' },
    lineItems: { items: [{ id: 'l1' }] },
  },
  tag: 1,
});

describe('getPath', () => {
  it('reads a dotted path, and undefined where the path leaves the objects', () => {
    expect(getPath(data(), 'order.billingAddress.email')).toBe('anna@x.se');
    expect(getPath(data(), 'order.contact')).toEqual({ matchKeyType: 'Email', matchKey: 'anna@x.se' });
    expect(getPath(data(), 'order.shippingAddress.email')).toBeUndefined();
    expect(getPath(data(), 'order.orderId.length')).toBeUndefined();
    expect(getPath(data(), 'order.lineItems.items.0')).toBeUndefined(); // arrays are not walked
    expect(getPath('text', 'a')).toBeUndefined();
  });
});

describe('withPaths', () => {
  it('removes and sets paths in a copy, keeping the key order and sharing what it did not touch', () => {
    const before = data();
    const snapshot = structuredClone(before);
    const after = withPaths(before, [
      ['order.billingAddress.email', undefined],
      ['order.billingAddress.firstName', undefined],
      ['order.contact.matchKey', '#'],
      ['order.note', 'new'],
      ['$personal', [1]],
    ]);
    expect(after).toEqual({
      order: {
        orderId: 'o-1',
        contact: { matchKeyType: 'Email', matchKey: '#' },
        billingAddress: { city: 'Lund' },
        lineItems: { items: [{ id: 'l1' }] },
        note: 'new',
      },
      tag: 1,
      $personal: [1],
    });
    expect(Object.keys(after.order.contact)).toEqual(['matchKeyType', 'matchKey']);
    expect(before).toEqual(snapshot); // the input is not mutated
    expect(after.order.lineItems).toBe(before.order.lineItems);
    expect(after.order).not.toBe(before.order);
  });

  it('restores removed fields after the kept ones (what opening a sealed event does)', () => {
    const sealed = withPaths(data(), [['order.billingAddress.email', undefined]]);
    const opened = withPaths(sealed, [['order.billingAddress.email', 'anna@x.se']]);
    expect(opened.order.billingAddress).toEqual({ firstName: 'Anna', city: 'Lund', email: 'anna@x.se' });
  });

  it('leaves out a path through something that is not an object, and sets a path that is also gone through', () => {
    const after = withPaths(data(), [
      ['order.orderId.length', 3],
      ['order.lineItems.items.0', 'x'],
      ['order.missing.field', 'x'],
      ['tag.inner', 2],
    ]);
    expect(after).toEqual(data());
    expect(
      withPaths({ a: { b: 1 } }, [
        ['a.b', 2],
        ['a', 'set'],
      ]),
    ).toEqual({ a: 'set' });
  });

  it('copies a key named __proto__ as data, never as the prototype', () => {
    const root = JSON.parse('{"order":{"__proto__":{"polluted":true},"email":"x"}}') as { order: Record<string, unknown> };
    const after = withPaths(root, [['order.email', undefined]]);
    expect(Object.getPrototypeOf(after.order)).toBe(Object.prototype);
    expect(Object.hasOwn(after.order, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((after.order as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('returns objects in fast mode: a removal is a copy without the key, not a delete', () => {
    const after = withPaths(data(), [
      ['order.billingAddress.email', undefined],
      ['order.contact.matchKey', undefined],
    ]);
    expect(after.order.billingAddress).toEqual({ firstName: 'Anna', city: 'Lund' });
    expect(hasFastProperties(after.order.billingAddress)).toBe(true);
    expect(hasFastProperties(after.order.contact)).toBe(true);
    expect(hasFastProperties(after.order)).toBe(true);
  });

  it('returns a shallow copy when there is nothing to change, and anything but an object as it is', () => {
    const before = data();
    const after = withPaths(before, []);
    expect(after).toEqual(before);
    expect(after).not.toBe(before);
    expect(withPaths('text', [['a', 1]])).toBe('text');
  });
});
