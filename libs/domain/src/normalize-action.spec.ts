import { describe, it, expect } from 'vitest';
import { normalizeOrderAction } from './normalize-action';

describe('normalizeOrderAction', () => {
  it('canonicalises the action name and keeps language and data', () => {
    expect(normalizeOrderAction({ action: 'confirm shipment', language: 'sv-SE', data: { parcel: 1 } })).toEqual({
      ok: true,
      action: { action: 'ConfirmShipment', language: 'sv-SE', data: { parcel: 1 } },
    });
  });

  it('omits absent language and data', () => {
    const result = normalizeOrderAction({ action: 'Custom', language: null });
    expect(result).toEqual({ ok: true, action: { action: 'Custom' } });
    expect(result.ok && Object.keys(result.action)).toEqual(['action']);
  });

  it('reports errors under orderAction.* by default, or under a given base path', () => {
    expect(normalizeOrderAction({ action: 'Ship', language: 'x'.repeat(36), data: [1] })).toEqual({
      ok: false,
      errors: {
        'orderAction.action': [
          'must be one of: ConfirmOrder, ConfirmShipment, ConfirmDelivery, ConfirmCancellation, ConfirmCompletion, Custom',
        ],
        'orderAction.language': ['must be at most 35 characters'],
        'orderAction.data': ['must be an object'],
      },
    });
    expect(normalizeOrderAction({ language: 'en' }, '')).toEqual({ ok: false, errors: { action: ['is required'] } });
    expect(normalizeOrderAction('ConfirmOrder')).toEqual({ ok: false, errors: { orderAction: ['must be an object'] } });
  });

  it('copies data defensively: a fresh object without prototype keys', () => {
    const data = JSON.parse('{"a":{"b":[1,"x",true,null]},"__proto__":{"polluted":1},"constructor":{"x":1}}');
    const result = normalizeOrderAction({ action: 'Custom', data });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.action.data).toEqual({ a: { b: [1, 'x', true, null] } });
    expect(Object.keys(result.action.data ?? {})).toEqual(['a']);
    expect(result.action.data).not.toBe(data);
    expect(result.action.data?.['a']).not.toBe(data.a);
  });

  it('rejects data that is not JSON or is nested too deeply', () => {
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < 12; i++) cursor = (cursor['n'] = {}) as Record<string, unknown>;
    const result = normalizeOrderAction({ action: 'Custom', data: { bad: Number.NaN, fn: () => 1, deep } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors['orderAction.data.bad']).toEqual(['must be a finite number']);
    expect(result.errors['orderAction.data.fn']).toEqual(['must be a JSON value']);
    expect(Object.keys(result.errors).some((path) => path.startsWith('orderAction.data.deep.n'))).toBe(true);
  });
});
