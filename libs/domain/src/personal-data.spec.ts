import { describe, expect, it } from 'vitest';
import { normalizeMatchKey } from './contacts/match-keys';
import { given, registered, storedOrder } from './order.fixtures';
import { dataSubjectOf, ERASED, erasePersonalData, personalOrderPaths } from './index';

const withAddresses = storedOrder({
  billingAddress: { firstName: 'Anna', city: 'Lund', countryCode: 'SE' },
  shippingAddress: { street: 'Storgatan 1', phone: '+46701234567' },
});

describe('personal data of an order', () => {
  it('lists the personal match key and address fields; a country code and a ContactId key are not personal', () => {
    expect(personalOrderPaths(withAddresses)).toEqual([
      'contact.matchKey',
      'billingAddress.firstName',
      'billingAddress.city',
      'shippingAddress.street',
      'shippingAddress.phone',
    ]);
    expect(personalOrderPaths(storedOrder({ contact: { matchKeyType: 'ContactId', matchKey: 'c-1' } }))).toEqual([]);
  });

  it('erases exactly those fields', () => {
    const erased = erasePersonalData(withAddresses);
    expect(erased.contact.matchKey).toBe(ERASED);
    expect(erased.billingAddress).toEqual({ firstName: ERASED, city: ERASED, countryCode: 'SE' });
    expect(erased.shippingAddress).toEqual({ street: ERASED, phone: ERASED });
    expect(erased.lineItems).toBe(withAddresses.lineItems);
  });

  it('an erasure event scrubs the state without making a new version', () => {
    const state = given(registered(withAddresses), { type: 'OrderPersonalDataErased', data: { orderId: 'order-1' } });
    expect(state).toMatchObject({ status: 'active', version: 0, revision: 1 });
    expect(state.order).toEqual(erasePersonalData(withAddresses));
  });

  it('an erasure that names the contact links the order to that contact id (a pseudonym) instead of an erased key', () => {
    const state = given(registered(withAddresses), { type: 'OrderPersonalDataErased', data: { orderId: 'order-1', contactId: 'c-9' } });
    expect(state.order?.contact).toEqual({ matchKeyType: 'ContactId', matchKey: 'c-9' });
    expect(state.order?.billingAddress).toEqual({ firstName: ERASED, city: ERASED, countryCode: 'SE' });
    const byId = storedOrder({ contact: { matchKeyType: 'ContactId', matchKey: 'c-1' } });
    expect(erasePersonalData(byId, 'c-9').contact).toEqual({ matchKeyType: 'ContactId', matchKey: 'c-1' });
  });

  it('names the data subject by the normalised key; an erased key matches nothing', () => {
    expect(dataSubjectOf('Email', ' Anna@Example.COM ')).toBe('Email:anna@example.com');
    expect(dataSubjectOf('MobilePhone', '+46 (0)70-123 45 67')).toBe('MobilePhone:+46701234567');
    expect(dataSubjectOf('ContactId', 'c-1')).toBe('ContactId:c-1');
    expect(normalizeMatchKey('Email', ERASED)).toBeNull();
  });
});
