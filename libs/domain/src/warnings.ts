/**
 * Warnings of SPEC §4: problems that are accepted but written to the order's integration log.
 * This module computes the ones that depend on the order alone ("sums do not add up"); the reference
 * warnings (contact, article, store missing) need the registers and are computed by the read side.
 */
import type { Order } from './order';

export type OrderWarningCode = 'SUMS_DO_NOT_ADD_UP' | 'CONTACT_MISSING' | 'ARTICLE_MISSING' | 'STORE_MISSING';

export interface OrderWarning {
  code: OrderWarningCode;
  message: string;
  details: Record<string, number | string>;
}

/** An amount in minor units (hundredths), rounded: sums are computed on integers to avoid float drift. */
export const toMinorUnits = (amount: number): number => Math.round(amount * 100);
const fromMinorUnits = (minor: number): number => minor / 100;

/** Sum of line totals, purchases counted positive and returns negative, in minor units. */
export const signedLinesTotalMinor = (order: Order): number =>
  order.lineItems.items.reduce((sum, line) => sum + (line.type === 'Return' ? -1 : 1) * toMinorUnits(line.totalPrice), 0);

/**
 * (a) `lineItems.subTotal` vs the signed sum of the line totals. Amounts are ≥ 0, so a net-return order
 *     carries its sub-total as a positive number: the comparison is with the absolute value of the sum.
 * (b) the sum of the payments vs `totalPrice`, when at least one payment is given.
 * A difference is reported only when it exceeds 0.005, i.e. when it is at least one minor unit.
 */
export function orderWarnings(order: Order): OrderWarning[] {
  const warnings: OrderWarning[] = [];
  const subTotal = order.lineItems.subTotal;
  if (subTotal !== undefined) {
    const linesTotal = Math.abs(signedLinesTotalMinor(order));
    const difference = toMinorUnits(subTotal) - linesTotal;
    if (difference !== 0) {
      warnings.push({
        code: 'SUMS_DO_NOT_ADD_UP',
        message: `lineItems.subTotal ${subTotal} does not match the sum of the line totals ${fromMinorUnits(linesTotal)}`,
        details: { check: 'subTotal', subTotal, linesTotal: fromMinorUnits(linesTotal), difference: fromMinorUnits(difference) },
      });
    }
  }
  const payments = order.payments?.items ?? [];
  if (payments.length > 0) {
    const paymentsTotal = payments.reduce((sum, payment) => sum + toMinorUnits(payment.amount), 0);
    const difference = paymentsTotal - toMinorUnits(order.totalPrice);
    if (difference !== 0) {
      warnings.push({
        code: 'SUMS_DO_NOT_ADD_UP',
        message: `the payments add up to ${fromMinorUnits(paymentsTotal)}, not to the totalPrice ${order.totalPrice}`,
        details: {
          check: 'payments',
          totalPrice: order.totalPrice,
          paymentsTotal: fromMinorUnits(paymentsTotal),
          difference: fromMinorUnits(difference),
        },
      });
    }
  }
  return warnings;
}
