import { describe, expect, it } from 'vitest';
import { canonicalDateTime, isDateTimeInRange, isDateTimeWithOffset } from './date-time';
import { normalizeOrderAction } from './normalize-action';
import { normalizeOrder, type NormalizeResult } from './normalize-order';
import { NOW, asInput, orderBody } from './order.fixtures';
import { CONTROL_CHARACTER_MESSAGE, DOT_SEGMENT_MESSAGE, LONE_SURROGATE_MESSAGE } from './order-id-rules';
import { readRegisterId } from './registers/register-id';
import { DATE_TIME_RANGE_MESSAGE } from './field-rules';

/* Issue 18 point 7 and issue 19 point 1: one rule per kind of text, everywhere. */

const LONE = 'a\ud800b';

const normalize = (body: unknown): NormalizeResult => normalizeOrder(asInput(body), { now: NOW });
const errorsOf = (body: unknown): Record<string, string[]> => {
  const result = normalize(body);
  if (result.ok) throw new Error('expected validation errors');
  return result.errors;
};

describe('every text field refuses lone surrogates', () => {
  it('on the order, its lines, delivery, addresses and references, at each exact path', () => {
    const line = { quantity: 1, totalPrice: 1, article: { sku: 'SKU-1', name: LONE }, externalStatus: LONE, group: LONE };
    const errors = errorsOf(
      orderBody({
        externalStatus: LONE,
        channel: LONE,
        externalStoreId: LONE,
        references: ['ok', LONE],
        lineItems: { items: [line] },
        delivery: { method: LONE, trackingNumber: LONE, trackingUri: LONE },
        billingAddress: { email: LONE, city: LONE },
        shippingAddress: { phone: LONE, title: LONE },
      }),
    );
    const expected = [
      'externalStatus',
      'channel',
      'externalStoreId',
      'references[1]',
      'lineItems.items[0].article.name',
      'lineItems.items[0].externalStatus',
      'lineItems.items[0].group',
      'delivery.method',
      'delivery.trackingNumber',
      'delivery.trackingUri',
      'billingAddress.email',
      'billingAddress.city',
      'shippingAddress.phone',
      'shippingAddress.title',
    ];
    expect(Object.keys(errors).sort()).toEqual([...expected].sort());
    for (const path of expected) expect(errors[path], path).toEqual([LONE_SURROGATE_MESSAGE]);
  });

  it('in an action language', () => {
    expect(normalizeOrderAction({ action: 'Custom', language: LONE })).toEqual({
      ok: false,
      errors: { 'orderAction.language': [LONE_SURROGATE_MESSAGE] },
    });
  });

  it('while well-formed pairs (emoji) and other scripts pass', () => {
    expect(normalize(orderBody({ channel: 'web 🛒', externalStatus: 'Отправлен' })).ok).toBe(true);
  });

  it('lengths count code points, not UTF-16 units: 100 emoji (200 units) are 100 characters', () => {
    expect(normalize(orderBody({ channel: '🛒'.repeat(100), externalStatus: 'é'.repeat(100) })).ok).toBe(true);
    expect(errorsOf(orderBody({ channel: '🛒'.repeat(101), externalStatus: 'x'.repeat(101) }))).toEqual({
      channel: ['must be at most 100 characters'],
      externalStatus: ['must be at most 100 characters'],
    });
    expect(errorsOf(orderBody({ orderId: '' }))).toEqual({ orderId: ['must not be empty'] });
  });
});

describe('every id follows the orderId rule', () => {
  it('references[]: not blank, no control characters, not . or ..', () => {
    expect(errorsOf(orderBody({ references: ['ok', '..', '.', 'a\u0001b', '  '] }))).toEqual({
      'references[1]': [DOT_SEGMENT_MESSAGE],
      'references[2]': [DOT_SEGMENT_MESSAGE],
      'references[3]': [CONTROL_CHARACTER_MESSAGE],
      'references[4]': ['must not be blank'],
    });
  });

  it('register ids (contacts, articles, stores): . and .., lone surrogates and control characters', () => {
    for (const [id, message] of [
      ['..', DOT_SEGMENT_MESSAGE],
      ['.', DOT_SEGMENT_MESSAGE],
      [LONE, LONE_SURROGATE_MESSAGE],
      ['a\u007fb', CONTROL_CHARACTER_MESSAGE],
    ] as const) {
      const errors = {};
      expect(readRegisterId(errors, 'contactId', id)).toBeUndefined();
      expect(errors).toEqual({ contactId: [message] });
    }
    const errors = {};
    expect(readRegisterId(errors, 'contactId', '...')).toBe('...');
    expect(readRegisterId(errors, 'contactId', 'a.b')).toBe('a.b');
    expect(errors).toEqual({});
  });
});

describe('date-times are in range as instants (UTC years 0001–9999)', () => {
  it('refuses instants in year 10000 or year 0 although written in range', () => {
    for (const value of ['9999-12-31T23:59:59-23:59', '9999-12-31T23:00:00-01:00', '0001-01-01T00:00:00+14:00', '0001-01-01T00:59+01:00']) {
      expect(isDateTimeWithOffset(value), value).toBe(false);
      expect(isDateTimeInRange(value), value).toBe(false);
    }
    expect(errorsOf(orderBody({ createdAt: '9999-12-31T23:59:59-23:59', lastChangedAt: '0001-01-01T00:00:00+14:00' }))).toEqual({
      createdAt: [DATE_TIME_RANGE_MESSAGE],
      lastChangedAt: [DATE_TIME_RANGE_MESSAGE],
    });
  });

  it('accepts the edges, other offsets and the accepted spellings, stored canonically', () => {
    for (const value of [
      '0001-01-01T00:00:00Z',
      '0001-01-01T00:00:00-01:00',
      '0001-01-01T01:00:00+01:00',
      '9999-12-31T23:59:59Z',
      '9999-12-31T23:59:59.999999Z',
      '9999-12-31T23:59:59+01:00',
      '9999-12-31T22:59:59-0100',
      '2024-05-01t12:00:00z',
    ]) {
      expect(isDateTimeWithOffset(value), value).toBe(true);
    }
    expect(canonicalDateTime('9999-12-31t22:59:59-0100')).toBe('9999-12-31T22:59:59-01:00');
  });

  it('a malformed value keeps its format message; a non-date is not "in range" either way', () => {
    expect(isDateTimeInRange('tomorrow')).toBeNull();
    expect(errorsOf(orderBody({ createdAt: '2023-02-29T00:00:00Z' }))).toEqual({
      createdAt: ['must be an ISO 8601 date-time with offset, e.g. 2024-05-01T12:00:00+02:00'],
    });
  });
});

describe("the platform's spellings", () => {
  it('address title, firstname and lastname are read; written back as title, firstName, lastName', () => {
    const result = normalize(
      orderBody({
        billingAddress: { title: 'Mr', firstname: 'John', lastname: 'Doe' },
        shippingAddress: { firstName: 'Jane', lastname: 'Roe' },
      }),
    );
    expect(result.ok && [result.order.billingAddress, result.order.shippingAddress]).toEqual([
      { title: 'Mr', firstName: 'John', lastName: 'Doe' },
      { firstName: 'Jane', lastName: 'Roe' },
    ]);
  });

  it('both spellings of one field are refused at the alias', () => {
    expect(errorsOf(orderBody({ billingAddress: { firstName: 'John', firstname: 'John' } }))).toEqual({
      'billingAddress.firstname': ['must not be sent together with firstName (the same field in another spelling; send one)'],
    });
  });

  it('action data as a string holding a JSON object is stored as that object; any other string is refused', () => {
    expect(normalizeOrderAction({ action: 'Custom', data: '{"campaign":"spring","n":1}' })).toEqual({
      ok: true,
      action: { action: 'Custom', data: { campaign: 'spring', n: 1 } },
    });
    expect(normalizeOrderAction({ action: 'Custom', data: 'spring' })).toEqual({
      ok: false,
      errors: { 'orderAction.data': ['must be a JSON object, or a string holding one'] },
    });
    expect(normalizeOrderAction({ action: 'Custom', data: '[1]' }).ok).toBe(false);
    expect(normalizeOrderAction({ action: 'Custom', data: '{"__proto__":{"x":1},"a":1}' })).toEqual({
      ok: true,
      action: { action: 'Custom', data: { a: 1 } },
    });
  });
});
