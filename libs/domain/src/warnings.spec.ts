import { describe, it, expect } from 'vitest';
import { orderWarnings, toMinorUnits } from './warnings';
import type { LineItem } from './order';
import { storedOrder } from './order.fixtures';

const lineOf = (type: LineItem['type'], totalPrice: number): LineItem => ({ type, quantity: 1, article: { sku: 'S' }, totalPrice });
const withLines = (subTotal: number | undefined, ...items: LineItem[]) =>
  storedOrder({ lineItems: subTotal === undefined ? { items } : { items, subTotal } });

describe('orderWarnings', () => {
  it('says nothing when there is no subTotal and no payment', () => {
    expect(orderWarnings(storedOrder())).toEqual([]);
    expect(orderWarnings(storedOrder({ payments: { items: [] } }))).toEqual([]);
  });

  it('says nothing when the sums add up, also with float noise (0.1 + 0.2)', () => {
    const order = withLines(0.3, lineOf('Purchase', 0.1), lineOf('Purchase', 0.2));
    const payments = {
      items: [
        { method: 'Card' as const, amount: 0.1 },
        { method: 'Cash' as const, amount: 0.2 },
      ],
    };
    expect(orderWarnings({ ...order, totalPrice: 0.3, payments })).toEqual([]);
  });

  it('warns when the subTotal does not match the lines, returns counted negative', () => {
    const order = withLines(100, lineOf('Purchase', 150), lineOf('Return', 40));
    expect(orderWarnings(order)).toEqual([
      {
        code: 'SUMS_DO_NOT_ADD_UP',
        message: 'lineItems.subTotal 100 does not match the sum of the line totals 110',
        details: { check: 'subTotal', subTotal: 100, linesTotal: 110, difference: -10 },
      },
    ]);
    expect(orderWarnings(withLines(110, lineOf('Purchase', 150), lineOf('Return', 40)))).toEqual([]);
  });

  it('compares a net-return order with the positive subTotal it carries', () => {
    expect(orderWarnings(withLines(60, lineOf('Return', 60)))).toEqual([]);
    expect(orderWarnings(withLines(70, lineOf('Purchase', 30), lineOf('Return', 100)))).toEqual([]);
  });

  it('tolerates differences up to 0.005 and reports one cent', () => {
    expect(orderWarnings(withLines(10.004, lineOf('Purchase', 10)))).toEqual([]);
    expect(orderWarnings(withLines(10.01, lineOf('Purchase', 10)))).toHaveLength(1);
  });

  it('warns when the payments do not add up to the totalPrice', () => {
    const payments = {
      items: [
        { method: 'Card' as const, amount: 200 },
        { method: 'GiftCard' as const, amount: 99.5 },
      ],
    };
    const order = storedOrder({ totalPrice: 300, payments });
    expect(orderWarnings(order)).toEqual([
      {
        code: 'SUMS_DO_NOT_ADD_UP',
        message: 'the payments add up to 299.5, not to the totalPrice 300',
        details: { check: 'payments', totalPrice: 300, paymentsTotal: 299.5, difference: -0.5 },
      },
    ]);
  });

  it('reports both checks when both fail', () => {
    const order = { ...withLines(1, lineOf('Purchase', 2)), payments: { items: [{ method: 'Card' as const, amount: 1 }] } };
    expect(orderWarnings(order).map((w) => w.details['check'])).toEqual(['subTotal', 'payments']);
  });

  it('computes money in minor units', () => {
    expect(toMinorUnits(0.1) + toMinorUnits(0.2)).toBe(toMinorUnits(0.3));
    expect(toMinorUnits(19.99)).toBe(1999);
  });
});
