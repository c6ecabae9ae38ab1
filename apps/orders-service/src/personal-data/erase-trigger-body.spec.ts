import { describe, expect, it } from 'vitest';
import { eraseTriggerBody } from './erase-trigger-body';

describe('eraseTriggerBody', () => {
  it("erases the order's personal fields and the contact's register fields, keeping the rest", () => {
    const body = JSON.stringify({
      triggerId: 't1',
      action: 'ConfirmOrder',
      orderId: 'o1',
      contact: { contactId: 'c1', email: 'ann@example.com', firstName: 'Ann' },
      order: {
        orderId: 'o1',
        contact: { matchKeyType: 'Email', matchKey: 'ann@example.com' },
        shippingAddress: { street: 'Storgatan 1', countryCode: 'SE' },
        totalPrice: 10,
      },
    });
    expect(JSON.parse(eraseTriggerBody(body))).toEqual({
      triggerId: 't1',
      action: 'ConfirmOrder',
      orderId: 'o1',
      contact: { contactId: 'c1', email: '[erased]', firstName: '[erased]' },
      order: {
        orderId: 'o1',
        contact: { matchKeyType: 'Email', matchKey: '[erased]' },
        shippingAddress: { street: '[erased]', countryCode: 'SE' },
        totalPrice: 10,
      },
    });
  });

  it('leaves a body that is not a trigger as it is', () => {
    expect(eraseTriggerBody('not json')).toBe('not json');
    expect(eraseTriggerBody('{"contact":null}')).toBe('{"contact":null}');
  });
});
