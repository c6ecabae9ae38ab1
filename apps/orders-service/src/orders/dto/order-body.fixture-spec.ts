import { isDeepStrictEqual } from 'node:util';
import type { Type } from '@nestjs/common';
import type { FieldErrors } from '@orders/domain';
import { createValidationPipe, RequestValidationError } from '../../common/validation';
import { RegisterOrderDto, ReplaceOrderDto } from './order.dto';
import { bothPaths, compareOutcomes } from './validation-paths.fixture-spec';

/**
 * Test data and helpers for the DTO specs (the `-spec.ts` suffix keeps it out of the app build and out of the
 * test collection). `fullOrderBody()` sets every header and line field of SPEC §3, with enums in
 * non-canonical casing, and `type` / `versionTag` as a GET would return them.
 */
export function fullOrderBody(): Record<string, unknown> {
  return {
    orderId: 'order-1001',
    contact: { matchKey: 'john@example.com', matchKeyType: 'email' },
    status: 'in progress',
    externalStatus: 'Picked',
    currencyCode: 'sek',
    totalPrice: 1647,
    createdAt: '2025-03-01T12:00:00+01:00',
    lastChangedAt: '2025-03-02T08:30:00.123Z',
    references: ['order-0999', 'order-0998'],
    externalStoreId: 'Ecom-Europe',
    channel: 'Ecom',
    lineItems: {
      items: [
        {
          id: '1',
          type: 'purchase',
          quantity: 2,
          article: {
            sku: 'SHOE-42-BLK',
            name: 'Running shoe',
            description: 'Lightweight running shoe',
            imageUri: 'https://shop.example.com/img/shoe.jpg',
            targetUri: 'https://shop.example.com/p/shoe',
          },
          totalPrice: 1598,
          pricePerUnit: 799,
          originalPricePerUnit: 899,
          originalTotalPrice: 1798,
          discounts: { items: [{ type: 'coupon', description: 'SPRING25', amount: 200 }] },
          taxes: { items: [{ type: 'vat', description: 'VAT 25%', percent: 25, amount: 319.6 }] },
          externalStatus: 'Reserved',
          group: 'parcel-1',
        },
        {
          id: '2',
          type: 'RETURN',
          quantity: 0.5,
          article: { sku: 'SOCK-1' },
          totalPrice: 0,
          returnDetails: { type: 'complaint', reason: 'Hole in the heel' },
        },
      ],
      subTotal: 1598,
    },
    payments: {
      items: [
        { method: 'card', description: 'Visa ****1234', amount: 1500, reference: 'psp-7f3a9c' },
        { method: 'paypal', amount: 97 },
        { method: 'gift card', amount: 50 },
      ],
    },
    discounts: { items: [{ type: 'member', description: 'Member price', amount: 10 }, { amount: 5 }] },
    taxes: { items: [{ type: 'sales tax', amount: 329.4 }] },
    fees: {
      items: [
        {
          type: 'shipping',
          description: 'Home delivery',
          amount: 49,
          taxes: { items: [{ type: 'VAT', percent: 25, amount: 9.8 }] },
        },
      ],
    },
    delivery: {
      method: 'DHL',
      trackingNumber: '1234567890',
      trackingUri: 'https://dhl.example.com/track/1234567890',
      deliveryDate: '2025-03-04T12:00:00+01:00',
    },
    billingAddress: {
      firstName: 'John',
      lastName: 'Doe',
      street: 'Example Avenue 12',
      postalCode: '123 45',
      city: 'Gothenburg',
      countryCode: 'se',
      email: 'john@example.com',
      phone: '+46700111222',
    },
    shippingAddress: { firstName: 'Jane', city: 'Oslo', countryCode: 'NO' },
    orderAction: { action: 'confirm order', language: 'sv-SE', data: { campaign: 'spring', nested: { list: [1, 'a', null] } } },
    type: 'Purchase',
    versionTag: 'v1.abc',
  };
}

/** The smallest valid body: only the required fields. */
export function minimalOrderBody(): Record<string, unknown> {
  return {
    orderId: 'order-1',
    contact: { matchKey: 'c-1', matchKeyType: 'ContactId' },
    status: 'Completed',
    currencyCode: 'EUR',
    totalPrice: 10,
    lineItems: { items: [{ quantity: 1, article: { sku: 'A' }, totalPrice: 10 }] },
  };
}

export type PipeOutcome<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/**
 * Runs the service's validation pipe the way Nest does for `@Body()` / `@Query()`. An order body that JSON can
 * carry also goes through the new path (compiled validation first), which must give the same answer.
 */
export async function runPipe<T>(value: unknown, metatype: abstract new () => T, type: 'body' | 'query' = 'body'): Promise<PipeOutcome<T>> {
  const orderBody = [RegisterOrderDto, ReplaceOrderDto].find((dto) => dto === (metatype as unknown));
  if (type === 'body' && orderBody && isJson(value)) {
    const verdict = compareOutcomes(await bothPaths(value, orderBody));
    if (verdict.verdict === 'different') throw new Error(`the compiled path answers differently:\n${verdict.detail}`);
  }
  try {
    return { ok: true, value: (await createValidationPipe().transform(value, { type, metatype: metatype as Type<T> })) as T };
  } catch (error) {
    if (error instanceof RequestValidationError) return { ok: false, errors: error.errors };
    throw error;
  }
}

/** The value travels through JSON unchanged (no undefined, NaN, typed arrays, …). */
function isJson(value: unknown): boolean {
  try {
    const text = JSON.stringify(value);
    return text !== undefined && isDeepStrictEqual(JSON.parse(text), value);
  } catch {
    return false; // too deep for JSON.stringify: the parser refuses such a body anyway
  }
}

/** The DTO the pipe makes of `value`; fails the test with the errors when it rejects it. */
export async function validDto<T>(value: unknown, metatype: abstract new () => T, type: 'body' | 'query' = 'body'): Promise<T> {
  const outcome = await runPipe(value, metatype, type);
  if (!outcome.ok) throw new Error(`expected valid, got ${JSON.stringify(outcome.errors, null, 2)}`);
  return outcome.value;
}

/** The field errors the pipe reports for `value`; fails the test when it accepts it. */
export async function fieldErrors(
  value: unknown,
  metatype: abstract new () => unknown,
  type: 'body' | 'query' = 'body',
): Promise<FieldErrors> {
  const outcome = await runPipe(value, metatype, type);
  if (outcome.ok) throw new Error(`expected errors, got a valid ${metatype.name}`);
  return outcome.errors;
}

/** `minimalOrderBody()` with its first line replaced by `line` merged over a valid one. */
export function withLine(line: Record<string, unknown>): Record<string, unknown> {
  return { ...minimalOrderBody(), lineItems: { items: [{ quantity: 1, article: { sku: 'A' }, totalPrice: 10, ...line }] } };
}
