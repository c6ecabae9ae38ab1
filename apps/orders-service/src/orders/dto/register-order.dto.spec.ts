import { describe, expect, it } from 'vitest';
import type { OrderInput } from '@orders/domain/order';
import { RegisterOrderDto, ReplaceOrderDto } from './order.dto';
import { toOrderAction, toOrderChange, toOrderInput } from './order-input.mapper';
import { fieldErrors, fullOrderBody, minimalOrderBody, validDto } from './order-body.fixture-spec';

/** What `fullOrderBody()` must become: every field kept, enums and codes canonical, nothing else. */
const EXPECTED_FULL_ORDER: OrderInput = {
  orderId: 'order-1001',
  contact: { matchKey: 'john@example.com', matchKeyType: 'Email' },
  status: 'InProgress',
  externalStatus: 'Picked',
  currencyCode: 'SEK',
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
        type: 'Purchase',
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
        discounts: { items: [{ type: 'Coupon', description: 'SPRING25', amount: 200 }] },
        taxes: { items: [{ type: 'VAT', description: 'VAT 25%', percent: 25, amount: 319.6 }] },
        externalStatus: 'Reserved',
        group: 'parcel-1',
      },
      {
        id: '2',
        type: 'Return',
        quantity: 0.5,
        article: { sku: 'SOCK-1' },
        totalPrice: 0,
        returnDetails: { type: 'Complaint', reason: 'Hole in the heel' },
      },
    ],
    subTotal: 1598,
  },
  payments: {
    items: [
      { method: 'Card', description: 'Visa ****1234', amount: 1500, reference: 'psp-7f3a9c' },
      { method: 'PayPal', amount: 97 },
      { method: 'GiftCard', amount: 50 },
    ],
  },
  discounts: { items: [{ type: 'Member', description: 'Member price', amount: 10 }, { amount: 5 }] },
  taxes: { items: [{ type: 'SalesTax', amount: 329.4 }] },
  fees: {
    items: [{ type: 'Shipping', description: 'Home delivery', amount: 49, taxes: { items: [{ type: 'VAT', percent: 25, amount: 9.8 }] } }],
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
    countryCode: 'SE',
    email: 'john@example.com',
    phone: '+46700111222',
  },
  shippingAddress: { firstName: 'Jane', city: 'Oslo', countryCode: 'NO' },
};

describe('RegisterOrderDto (E2 body)', () => {
  it('accepts an order with every header and line field and maps it to exactly the OrderInput', async () => {
    const dto = await validDto(fullOrderBody(), RegisterOrderDto);

    expect(dto).toBeInstanceOf(RegisterOrderDto);
    const order = toOrderInput(dto);
    expect(order).toStrictEqual(EXPECTED_FULL_ORDER);
    expect(JSON.parse(JSON.stringify(order))).toStrictEqual(EXPECTED_FULL_ORDER); // plain JSON, no undefined keys
  });

  it('maps the embedded orderAction separately, data as a plain copy', async () => {
    const dto = await validDto(fullOrderBody(), RegisterOrderDto);

    const action = toOrderAction(dto.orderAction);
    expect(action).toStrictEqual({
      action: 'ConfirmOrder',
      language: 'sv-SE',
      data: { campaign: 'spring', nested: { list: [1, 'a', null] } },
    });
    expect(toOrderChange(dto)).toStrictEqual({ order: EXPECTED_FULL_ORDER, orderAction: action });
    expect(Object.getPrototypeOf(action!.data)).toBe(Object.prototype);
  });

  it('accepts the smallest order: only the required fields, no optional key in the output', async () => {
    const dto = await validDto(minimalOrderBody(), RegisterOrderDto);

    expect(toOrderInput(dto)).toStrictEqual({
      orderId: 'order-1',
      contact: { matchKey: 'c-1', matchKeyType: 'ContactId' },
      status: 'Completed',
      currencyCode: 'EUR',
      totalPrice: 10,
      lineItems: { items: [{ quantity: 1, article: { sku: 'A' }, totalPrice: 10 }] },
    });
    expect(toOrderAction(dto.orderAction)).toBeUndefined();
    expect(toOrderChange(dto)).not.toHaveProperty('orderAction');
  });

  it('accepts and drops the read-only `type` and `versionTag` (a GET → edit → PUT round trip)', async () => {
    const body = { ...minimalOrderBody(), type: 'Return', versionTag: 'v7.3f9a' };

    const dto = await validDto(body, RegisterOrderDto);

    expect(dto.type).toBeUndefined();
    expect(dto.versionTag).toBeUndefined();
    expect(toOrderInput(dto)).not.toHaveProperty('type');
    expect(toOrderInput(dto)).not.toHaveProperty('versionTag');
  });

  it('ignores read-only fields whatever their value (they are never validated)', async () => {
    for (const junk of [null, 42, { nested: ['x'] }, 'x'.repeat(5000)]) {
      const dto = await validDto({ ...minimalOrderBody(), type: junk, versionTag: junk }, RegisterOrderDto);
      expect(toOrderInput(dto)).toStrictEqual(toOrderInput(await validDto(minimalOrderBody(), RegisterOrderDto)));
    }
  });

  it('treats null on optional fields as not given, at every level', async () => {
    const body = {
      ...minimalOrderBody(),
      externalStatus: null,
      createdAt: null,
      references: null,
      payments: null,
      discounts: null,
      taxes: null,
      fees: null,
      delivery: { method: null, trackingNumber: 'T1' },
      billingAddress: { firstName: null, countryCode: null },
      shippingAddress: null,
      orderAction: null,
      lineItems: {
        subTotal: null,
        items: [
          { id: null, type: null, quantity: 1, article: { sku: 'A', name: null }, totalPrice: 1, discounts: null, returnDetails: null },
        ],
      },
    };

    const order = toOrderInput(await validDto(body, RegisterOrderDto));

    expect(order).toStrictEqual({
      orderId: 'order-1',
      contact: { matchKey: 'c-1', matchKeyType: 'ContactId' },
      status: 'Completed',
      currencyCode: 'EUR',
      totalPrice: 10,
      lineItems: { items: [{ quantity: 1, article: { sku: 'A' }, totalPrice: 1 }] },
      delivery: { trackingNumber: 'T1' },
      billingAddress: {},
    });
  });

  it('accepts the boundaries: 100-char orderId, 1000 lines, amount 0, 1e15, fractional quantity', async () => {
    const line = { quantity: 0.001, article: { sku: 'S' }, totalPrice: 0 };
    const body = {
      ...minimalOrderBody(),
      orderId: 'o'.repeat(100),
      totalPrice: 1e15,
      lineItems: { items: Array.from({ length: 1000 }, () => line) },
    };

    const order = toOrderInput(await validDto(body, RegisterOrderDto));

    expect(order.orderId).toHaveLength(100);
    expect(order.lineItems.items).toHaveLength(1000);
    expect(order.totalPrice).toBe(1e15);
  });

  it('never returns the request objects themselves (the DTO is rebuilt field by field)', async () => {
    const body = fullOrderBody();
    const order = toOrderInput(await validDto(body, RegisterOrderDto));

    expect(order.references).not.toBe(body['references']);
    expect(order.lineItems).not.toBe(body['lineItems']);
    expect(order.contact).not.toBe(body['contact']);
  });
});

describe('ReplaceOrderDto (E4 body)', () => {
  it('has the same shape as RegisterOrderDto', async () => {
    const dto = await validDto(fullOrderBody(), ReplaceOrderDto);

    expect(dto).toBeInstanceOf(ReplaceOrderDto);
    expect(toOrderInput(dto)).toStrictEqual(EXPECTED_FULL_ORDER);
  });

  it('reports the same errors as RegisterOrderDto', async () => {
    const body = { ...minimalOrderBody(), orderId: '', extra: 1, lineItems: { items: [] } };

    expect(await fieldErrors(body, ReplaceOrderDto)).toStrictEqual(await fieldErrors(body, RegisterOrderDto));
  });
});
