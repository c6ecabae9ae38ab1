import { describe, it, expect } from 'vitest';
import { normalizeOrder } from './normalize-order';
import { NOW, asInput, orderBody } from './order.fixtures';

const normalize = (body: unknown) => normalizeOrder(asInput(body), { now: NOW });
const errorsOf = (body: unknown) => {
  const result = normalize(body);
  if (result.ok) throw new Error('expected validation errors');
  return result.errors;
};

describe('normalizeOrder: payments, discounts, taxes and fees', () => {
  it('keeps valid lists in canonical form', () => {
    const result = normalize(
      orderBody({
        payments: { items: [{ method: 'paypal', amount: 300, reference: 'p-1' }] },
        discounts: { items: [{ amount: 10 }, { type: 'MEMBER', description: 'club', amount: 5 }] },
        taxes: { items: [{ type: 'sales tax', amount: 60, percent: 25 }] },
        fees: { items: [{ type: 'shipping', amount: 49, taxes: { items: [{ type: 'VAT', amount: 9.8 }] } }] },
      }),
    );
    expect(result.ok && result.order).toMatchObject({
      payments: { items: [{ method: 'PayPal', amount: 300, reference: 'p-1' }] },
      discounts: { items: [{ amount: 10 }, { type: 'Member', description: 'club', amount: 5 }] },
      taxes: { items: [{ type: 'SalesTax', amount: 60, percent: 25 }] },
      fees: { items: [{ type: 'Shipping', amount: 49, taxes: { items: [{ type: 'VAT', amount: 9.8 }] } }] },
    });
  });

  it('requires a payment method from the list', () => {
    expect(errorsOf(orderBody({ payments: { items: [{ amount: 1 }, { method: 'Bitcoin', amount: 1 }] } }))).toEqual({
      'payments.items[0].method': ['is required'],
      'payments.items[1].method': [
        'must be one of: Card, Invoice, Cash, Swish, Klarna, PayPal, GiftCard, BonusCheck, Voucher, BankTransfer, MobilePayment, Other',
      ],
    });
  });

  it('makes the discount type optional but checks it when given', () => {
    expect(errorsOf(orderBody({ discounts: { items: [{ type: 'Loyalty', amount: 1 }] } }))).toEqual({
      'discounts.items[0].type': ['must be one of: Promotion, Coupon, Member, Employee, Manual, Other'],
    });
  });

  it('requires tax and fee types, also on fee taxes', () => {
    const errors = errorsOf(
      orderBody({
        taxes: { items: [{ amount: 1 }] },
        fees: { items: [{ type: 'Gift wrap', amount: 1, taxes: { items: [{ type: 'GST', amount: 1 }] } }] },
      }),
    );
    expect(errors).toEqual({
      'taxes.items[0].type': ['is required'],
      'fees.items[0].type': ['must be one of: Shipping, Administration, Handling, Packaging, Payment, Other'],
      'fees.items[0].taxes.items[0].type': ['must be one of: VAT, SalesTax, Other'],
    });
  });

  it('requires every amount to be finite and ≥ 0', () => {
    const errors = errorsOf(
      orderBody({
        payments: { items: [{ method: 'Card', amount: -5 }] },
        discounts: { items: [{ amount: '5' }] },
        taxes: { items: [{ type: 'VAT', amount: 1, percent: Number.NaN }] },
        fees: { items: [{ type: 'Other', amount: Number.NEGATIVE_INFINITY }] },
      }),
    );
    expect(errors).toEqual({
      'payments.items[0].amount': ['must be greater than or equal to 0'],
      'discounts.items[0].amount': ['must be a finite number'],
      'taxes.items[0].percent': ['must be a finite number'],
      'fees.items[0].amount': ['must be a finite number'],
    });
  });

  it('requires the items array inside each wrapper and objects inside it', () => {
    expect(errorsOf(orderBody({ payments: {}, discounts: [], taxes: { items: {} }, fees: { items: [null] } }))).toEqual({
      'payments.items': ['is required'],
      discounts: ['must be an object'],
      'taxes.items': ['must be an array'],
      'fees.items[0]': ['must be an object'],
    });
  });

  it('accepts an empty payments list', () => {
    const result = normalize(orderBody({ payments: { items: [] } }));
    expect(result.ok && result.order.payments).toEqual({ items: [] });
  });
});
