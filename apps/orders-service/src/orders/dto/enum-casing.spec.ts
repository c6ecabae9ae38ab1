import { describe, expect, it } from 'vitest';
import { ChangeStatusDto } from './change-status.dto';
import { RegisterOrderDto } from './order.dto';
import { toOrderAction, toOrderInput } from './order-input.mapper';
import { fieldErrors, minimalOrderBody, validDto, withLine } from './order-body.fixture-spec';

const order = async (body: unknown) => toOrderInput(await validDto(body, RegisterOrderDto));

describe('enum values: any casing and spacing in, canonical out', () => {
  it.each([
    ['in progress', 'InProgress'],
    ['In Progress', 'InProgress'],
    ['INPROGRESS', 'InProgress'],
    ['in_progress', 'InProgress'],
    ['completed', 'Completed'],
    ['CANCELLED', 'Cancelled'],
  ])('status %j → %s', async (given, canonical) => {
    expect((await order({ ...minimalOrderBody(), status: given })).status).toBe(canonical);
  });

  it.each([
    ['card', 'Card'],
    ['paypal', 'PayPal'],
    ['Pay Pal', 'PayPal'],
    ['PAYPAL', 'PayPal'],
    ['gift card', 'GiftCard'],
    ['bank-transfer', 'BankTransfer'],
    ['mobilepayment', 'MobilePayment'],
    ['bonus check', 'BonusCheck'],
  ])('payment method %j → %s', async (given, canonical) => {
    const result = await order({ ...minimalOrderBody(), payments: { items: [{ method: given, amount: 1 }] } });
    expect(result.payments!.items[0]!.method).toBe(canonical);
  });

  it('every other enum of the order', async () => {
    const result = await order({
      ...withLine({ type: 'return', returnDetails: { type: 'CHANGE' }, discounts: { items: [{ type: 'employee', amount: 1 }] } }),
      contact: { matchKey: '19800101-1234', matchKeyType: 'social security number' },
      taxes: {
        items: [
          { type: 'vat', amount: 1 },
          { type: 'sales tax', amount: 1 },
        ],
      },
      fees: { items: [{ type: 'handling', amount: 1, taxes: { items: [{ type: 'other', amount: 0 }] } }] },
      discounts: { items: [{ type: 'PROMOTION', amount: 1 }] },
      orderAction: { action: 'confirm shipment' },
    });

    expect(result.contact.matchKeyType).toBe('SocialSecurityNumber');
    expect(result.lineItems.items[0]!.type).toBe('Return');
    expect(result.lineItems.items[0]!.returnDetails!.type).toBe('Change');
    expect(result.lineItems.items[0]!.discounts!.items[0]!.type).toBe('Employee');
    expect(result.taxes!.items.map((tax) => tax.type)).toStrictEqual(['VAT', 'SalesTax']);
    expect(result.fees!.items[0]!.type).toBe('Handling');
    expect(result.fees!.items[0]!.taxes!.items[0]!.type).toBe('Other');
    expect(result.discounts!.items[0]!.type).toBe('Promotion');
  });

  it('the embedded action name', async () => {
    const dto = await validDto({ ...minimalOrderBody(), orderAction: { action: 'confirm shipment' } }, RegisterOrderDto);
    expect(toOrderAction(dto.orderAction)).toStrictEqual({ action: 'ConfirmShipment' });
  });

  it('change-status body', async () => {
    expect((await validDto({ status: 'in progress' }, ChangeStatusDto)).status).toBe('InProgress');
  });

  it('rejects a value naming no member with a message listing the allowed values', async () => {
    const errors = await fieldErrors(
      { ...withLine({ type: 'Exchange' }), status: 'Shipped', payments: { items: [{ method: 'Bitcoin', amount: 1 }] } },
      RegisterOrderDto,
    );

    expect(errors).toStrictEqual({
      status: ['status must be one of the following values: InProgress, Completed, Cancelled'],
      'lineItems.items[0].type': ['type must be one of the following values: Purchase, Return'],
      'payments.items[0].method': [
        'method must be one of the following values: Card, Invoice, Cash, Swish, Klarna, PayPal, GiftCard, BonusCheck, Voucher, BankTransfer, MobilePayment, Other',
      ],
    });
  });

  it('rejects non-string enum values with the same message', async () => {
    const errors = await fieldErrors({ ...minimalOrderBody(), contact: { matchKey: 'a', matchKeyType: ['Email'] } }, RegisterOrderDto);

    expect(errors).toStrictEqual({
      'contact.matchKeyType': [
        'matchKeyType must be one of the following values: ContactId, Email, MobilePhone, MemberNumber, ExternalId, SocialSecurityNumber',
      ],
    });
  });
});
