let sequence = 0;

/** A unique order id for a test. */
export const newOrderId = (prefix = 'o'): string => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++sequence}`;

/** A minimal valid order. */
export function minimalOrder(orderId = newOrderId(), contactId = 'c-1', overrides: Record<string, unknown> = {}) {
  return {
    orderId,
    contact: { matchKey: contactId, matchKeyType: 'ContactId' },
    status: 'InProgress',
    currencyCode: 'SEK',
    totalPrice: 100,
    lineItems: { items: [{ quantity: 1, article: { sku: 'SKU-1' }, totalPrice: 100 }] },
    ...overrides,
  };
}

/** An order with every header and line field of SPEC §3 set. */
export function fullOrder(orderId = newOrderId('full'), contactId = 'c-full') {
  return {
    orderId,
    contact: { matchKey: contactId, matchKeyType: 'ContactId' },
    status: 'InProgress',
    externalStatus: 'Picking',
    currencyCode: 'SEK',
    totalPrice: 1149.5,
    createdAt: '2026-11-20T10:15:30+01:00',
    lastChangedAt: '2026-11-20T10:20:00+01:00',
    references: ['earlier-order-1'],
    externalStoreId: 'store-42',
    channel: 'Webshop',
    lineItems: {
      subTotal: 1100,
      items: [
        {
          id: 'line-1',
          type: 'Purchase',
          quantity: 2,
          article: {
            sku: 'SHIRT-RED-M',
            name: 'Shirt',
            description: 'A red shirt',
            imageUri: 'https://shop.example/img/shirt.png',
            targetUri: 'https://shop.example/shirt',
          },
          totalPrice: 1200,
          pricePerUnit: 600,
          originalPricePerUnit: 700,
          originalTotalPrice: 1400,
          discounts: { items: [{ type: 'Promotion', description: 'Autumn sale', amount: 200 }] },
          taxes: { items: [{ type: 'VAT', description: 'VAT 25%', percent: 25, amount: 240 }] },
          externalStatus: 'Packed',
          group: 'delivery-1',
        },
        {
          id: 'line-2',
          type: 'Return',
          quantity: 1,
          article: { sku: 'SOCKS-BLK' },
          totalPrice: 100,
          returnDetails: { type: 'Complaint', reason: 'Hole in the heel' },
          group: 'delivery-1',
        },
      ],
    },
    payments: { items: [{ method: 'Card', description: 'Visa', amount: 1149.5, reference: 'psp-123' }] },
    discounts: { items: [{ type: 'Coupon', description: 'WELCOME10', amount: 10 }] },
    taxes: { items: [{ type: 'VAT', description: 'VAT', percent: 25, amount: 229.9 }] },
    fees: { items: [{ type: 'Shipping', description: 'Home delivery', amount: 59.5, taxes: { items: [{ type: 'VAT', amount: 11.9 }] } }] },
    delivery: {
      method: 'Home delivery',
      trackingNumber: 'TRK-1',
      trackingUri: 'https://track.example/TRK-1',
      deliveryDate: '2026-11-22T12:00:00Z',
    },
    billingAddress: {
      firstName: 'Ada',
      lastName: 'Lovelace',
      street: 'Storgatan 1',
      postalCode: '11122',
      city: 'Stockholm',
      countryCode: 'SE',
      email: 'ada@example.com',
      phone: '+46701234567',
    },
    shippingAddress: {
      firstName: 'Ada',
      lastName: 'Lovelace',
      street: 'Lillgatan 2',
      postalCode: '11123',
      city: 'Stockholm',
      countryCode: 'SE',
      email: 'ada@example.com',
      phone: '+46701234567',
    },
  };
}
