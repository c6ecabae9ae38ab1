import { describe, it, expect } from 'vitest';
import { normalizeOrder, type NormalizeResult } from './normalize-order';
import { NOW, asInput, orderBody, storedOrder } from './order.fixtures';
import { DOT_SEGMENT_MESSAGE, LONE_SURROGATE_MESSAGE } from './order-id-rules';

const normalize = (body: unknown, previous?: Parameters<typeof normalizeOrder>[1]['previous']): NormalizeResult =>
  normalizeOrder(asInput(body), { now: NOW, previous });

const errorsOf = (body: unknown): Record<string, string[]> => {
  const result = normalize(body);
  if (result.ok) throw new Error('expected validation errors');
  return result.errors;
};

describe('normalizeOrder: a valid order', () => {
  it('comes out canonical, with derived type, default line type and createdAt = now', () => {
    expect(normalize(orderBody())).toEqual({ ok: true, order: storedOrder() });
  });

  it('writes enums and codes in canonical casing', () => {
    const result = normalize(
      orderBody({ status: 'in progress', currencyCode: 'sek', contact: { matchKey: '42', matchKeyType: 'mobilephone' } }),
    );
    expect(result.ok && result.order).toMatchObject({
      status: 'InProgress',
      currencyCode: 'SEK',
      contact: { matchKey: '42', matchKeyType: 'MobilePhone' },
    });
  });

  it('keeps the original createdAt of a replaced order when none is sent', () => {
    const previous = storedOrder({ createdAt: '2020-01-01T00:00:00+01:00' });
    const result = normalize(orderBody(), previous);
    expect(result.ok && result.order.createdAt).toBe('2020-01-01T00:00:00+01:00');
  });

  it('takes the createdAt that is sent', () => {
    const result = normalize(orderBody({ createdAt: '2023-12-24T18:00:00+01:00' }), storedOrder());
    expect(result.ok && result.order.createdAt).toBe('2023-12-24T18:00:00+01:00');
  });

  it('does not copy unknown keys, client-sent derived fields or prototype tricks', () => {
    const body = JSON.parse(
      JSON.stringify(orderBody({ type: 'Return', versionTag: 'x', extra: 1 })).replace(
        '"orderId"',
        '"__proto__":{"polluted":true},"constructor":{"prototype":{"bad":true}},"orderId"',
      ),
    );
    const result = normalize(body);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.order).toEqual(storedOrder());
    expect(Object.keys(result.order)).not.toContain('extra');
    expect(Object.getPrototypeOf(result.order)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('omits absent optional fields instead of writing undefined, and treats null as absent', () => {
    const result = normalize(orderBody({ externalStatus: null, channel: undefined, delivery: null }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect('externalStatus' in result.order).toBe(false);
    expect('channel' in result.order).toBe(false);
    expect('delivery' in result.order).toBe(false);
  });

  it('keeps every optional header field that is valid', () => {
    const optional = {
      externalStatus: 'Picked',
      lastChangedAt: '2024-06-01T09:00:00Z',
      references: ['order-0'],
      externalStoreId: 'store-7',
      channel: 'Web',
      delivery: { method: 'Postnord', trackingNumber: 'T1', trackingUri: 'https://t/1', deliveryDate: '2024-06-03T12:00:00Z' },
      billingAddress: { firstName: 'Anna', countryCode: 'se' },
      shippingAddress: { city: 'Malmö', countryCode: 'DK' },
    };
    const result = normalize(orderBody(optional));
    expect(result.ok && result.order).toMatchObject({
      ...optional,
      billingAddress: { firstName: 'Anna', countryCode: 'SE' },
    });
  });
});

describe('normalizeOrder: header rules', () => {
  it('rejects a body that is not an object', () => {
    for (const body of [null, undefined, 'order', 42, [orderBody()]]) {
      expect(normalize(body)).toEqual({ ok: false, errors: { '': ['the order must be a JSON object'] } });
    }
  });

  it('requires every mandatory field and reports all of them at once', () => {
    expect(Object.keys(errorsOf({})).sort()).toEqual(['contact', 'currencyCode', 'lineItems', 'orderId', 'status', 'totalPrice'].sort());
  });

  it.each([
    ['orderId', '', 'must not be empty'],
    ['orderId', 'x'.repeat(101), 'must be at most 100 characters'],
    ['orderId', '   ', 'must not be blank'],
    ['orderId', 'a\nb', 'must not contain control characters'],
    ['orderId', '.', DOT_SEGMENT_MESSAGE],
    ['orderId', '..', DOT_SEGMENT_MESSAGE],
    ['orderId', '\ud800abc', LONE_SURROGATE_MESSAGE],
    ['orderId', 42, 'must be a string'],
    ['status', 'Shipped', 'must be one of: InProgress, Completed, Cancelled'],
    ['status', ['InProgress'], 'must be one of: InProgress, Completed, Cancelled'],
    ['externalStatus', 'x'.repeat(101), 'must be at most 100 characters'],
    ['currencyCode', 'KRONA', 'must be an ISO 4217 alphabetic currency code'],
    ['totalPrice', -1, 'must be greater than or equal to 0'],
    ['totalPrice', '100', 'must be a finite number'],
    ['totalPrice', Number.NaN, 'must be a finite number'],
    ['totalPrice', Number.POSITIVE_INFINITY, 'must be a finite number'],
    ['createdAt', '2024-06-01T10:00:00', 'must be an ISO 8601 date-time with offset, e.g. 2024-05-01T12:00:00+02:00'],
    ['lastChangedAt', '2023-02-29T10:00:00Z', 'must be an ISO 8601 date-time with offset, e.g. 2024-05-01T12:00:00+02:00'],
    ['externalStoreId', 'x'.repeat(101), 'must be at most 100 characters'],
    ['channel', 7, 'must be a string'],
    ['contact', 'anna@example.com', 'must be an object'],
    ['references', 'order-0', 'must be an array'],
  ])('rejects %s = %j', (field, value, message) => {
    expect(errorsOf(orderBody({ [field]: value }))).toEqual({ [field]: [message] });
  });

  it('stores date-times in the canonical form whatever common form they came in', () => {
    const result = normalize(orderBody({ createdAt: '2026-03-01t10:00:00+0100', lastChangedAt: '2026-03-02T08:00:00.5z' }));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.order.createdAt).toBe('2026-03-01T10:00:00+01:00');
    expect(result.order.lastChangedAt).toBe('2026-03-02T08:00:00.5Z');
  });

  it('accepts orderIds of 1 and 100 characters', () => {
    expect(normalize(orderBody({ orderId: 'x' })).ok).toBe(true);
    expect(normalize(orderBody({ orderId: 'é'.repeat(100) })).ok).toBe(true);
    expect(normalize(orderBody({ orderId: '...' })).ok).toBe(true);
    expect(normalize(orderBody({ orderId: '😀'.repeat(100) })).ok).toBe(true);
  });

  it('checks the contact match key and its type', () => {
    const errors = errorsOf(orderBody({ contact: { matchKey: ' ', matchKeyType: 'Phone' } }));
    expect(errors).toEqual({
      'contact.matchKey': ['must not be blank'],
      'contact.matchKeyType': ['must be one of: ContactId, Email, MobilePhone, MemberNumber, ExternalId, SocialSecurityNumber'],
    });
    expect(errorsOf(orderBody({ contact: { matchKey: 'x'.repeat(256), matchKeyType: 'Email' } }))).toEqual({
      'contact.matchKey': ['must be at most 255 characters'],
    });
  });

  it('checks each reference', () => {
    expect(errorsOf(orderBody({ references: ['ok', '', 7, 'x'.repeat(101)] }))).toEqual({
      'references[1]': ['must not be empty'],
      'references[2]': ['must be a string'],
      'references[3]': ['must be at most 100 characters'],
    });
  });

  it('checks delivery and addresses', () => {
    const errors = errorsOf(
      orderBody({
        delivery: { method: 'x'.repeat(101), trackingUri: 5, deliveryDate: 'tomorrow' },
        billingAddress: { countryCode: 'SWE', city: 'x'.repeat(256) },
        shippingAddress: [],
      }),
    );
    expect(Object.keys(errors).sort()).toEqual(
      [
        'billingAddress.city',
        'billingAddress.countryCode',
        'delivery.deliveryDate',
        'delivery.method',
        'delivery.trackingUri',
        'shippingAddress',
      ].sort(),
    );
    expect(errors['billingAddress.countryCode']).toEqual(['must be an ISO 3166-1 alpha-2 country code']);
  });
});
