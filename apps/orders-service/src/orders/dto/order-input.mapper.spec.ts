import { describe, expect, it } from 'vitest';
import { decide, initialOrderState, type OrderInput } from '@orders/domain';
import { demoDataSet, orderTemplates } from '@orders/demo-data';
import { createValidationPipe } from '../../common/validation';
import { commandOrderInput, RegisterOrderDto, toOrderInput } from './index';
import { fullOrderBody, validDto } from './order-body.fixture-spec';
import { compiledOrderBodies } from './validation-paths.fixture-spec';

/*
 * commandOrderInput hands a body the compiled schema accepted to the command as it is, instead of
 * toOrderInput's copy: the domain must decide the same on both, for every kind of body a client sends.
 */
const now = '2026-12-07T12:00:00.000Z';
const metadata = { type: 'body' as const, metatype: RegisterOrderDto };
const compiledPipe = compiledOrderBodies().then((compiled) => createValidationPipe(compiled));

/** a GET answer edited and sent back: read-only fields, the platform's name spellings, references, every list */
const echoed = {
  orderId: 'echo-1',
  type: 'Return',
  versionTag: '7',
  contact: { matchKey: 'ann@example.com', matchKeyType: 'Email' },
  status: 'Completed',
  currencyCode: 'SEK',
  totalPrice: 120,
  createdAt: '2026-11-01T10:00:00+01:00',
  references: ['echo-0'],
  lineItems: {
    items: [
      { id: 'l1', quantity: 1, totalPrice: 100, article: { sku: 'A-1', name: 'Shirt' }, taxes: { items: [{ type: 'VAT', amount: 20 }] } },
      {
        id: 'l2',
        type: 'Return',
        quantity: 1,
        totalPrice: 20,
        article: { sku: 'A-2' },
        returnDetails: { type: 'Complaint', reason: 'torn' },
      },
    ],
    subTotal: 120,
  },
  payments: { items: [{ method: 'Card', amount: 120 }] },
  fees: { items: [{ type: 'Shipping', amount: 0, taxes: { items: [{ type: 'VAT', amount: 0 }] } }] },
  billingAddress: { firstname: 'Ann', lastname: 'Lee', city: 'Lund', countryCode: 'SE', email: 'ann@example.com' },
  shippingAddress: { firstName: 'Ann', lastName: 'Lee', street: 'Storgatan 1' },
};

const bodies: unknown[] = [
  echoed,
  ...demoDataSet({ seed: 3, orders: 150, baseTime: Date.parse('2026-11-23T00:00:00Z') }).orders.map((order) => order.body),
  ...orderTemplates(9, 150).map((template, i) => ({ ...template.order, orderId: `t-${i}` })),
];

const decideRegister = (order: OrderInput) => decide({ type: 'RegisterOrder', order }, initialOrderState, { now });

/** every field of SPEC §3 (order-body.fixture-spec.ts lists them all), in the canonical form the compiled schema accepts */
async function everyFieldBody(): Promise<unknown> {
  const decided = decideRegister(toOrderInput(await validDto(fullOrderBody(), RegisterOrderDto)));
  if (!decided.ok) throw new Error(JSON.stringify(decided));
  return JSON.parse(JSON.stringify(decided.events[0]!.data)).order;
}

describe('commandOrderInput', () => {
  it('passes a body the compiled schema accepted as it is, and the domain decides on it as on the mapped copy', async () => {
    const pipe = await compiledPipe;
    for (const body of [await everyFieldBody(), ...bodies]) {
      const dto = (await pipe.transform(JSON.parse(JSON.stringify(body)), metadata)) as RegisterOrderDto;
      const order = commandOrderInput(dto, {});
      expect(order).toBe(dto as unknown);
      const decided = decideRegister(order);
      expect(decided.ok, JSON.stringify(decided)).toBe(true);
      expect(decided).toStrictEqual(decideRegister(toOrderInput(dto)));
    }
  });

  it('maps the body when the request has an Idempotency-Key, so that its request hash stays that of the mapped order', async () => {
    const dto = (await (await compiledPipe).transform(JSON.parse(JSON.stringify(echoed)), metadata)) as RegisterOrderDto;
    const order = commandOrderInput(dto, { idempotencyKey: 'retry-1' });
    expect(order).not.toBe(dto as unknown);
    expect(order).toStrictEqual(toOrderInput(dto));
    expect(order).not.toHaveProperty('versionTag');
  });

  it('maps a body that only class-validator accepted (class instances, which the domain does not read as JSON)', async () => {
    // an enum in another casing and a null the compiled schema refuses, which class-validator accepts
    const loose = { ...echoed, status: 'completed', channel: null };
    const dto = (await (await compiledPipe).transform(JSON.parse(JSON.stringify(loose)), metadata)) as RegisterOrderDto;
    expect(dto).toBeInstanceOf(RegisterOrderDto);
    const order = commandOrderInput(dto, {});
    expect(order).toStrictEqual(toOrderInput(dto));
    const decided = decideRegister(order);
    expect(decided.ok, JSON.stringify(decided)).toBe(true);
  });
});
