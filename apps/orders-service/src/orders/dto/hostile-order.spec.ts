import { describe, expect, it } from 'vitest';
import { RegisterOrderDto } from './order.dto';
import { fieldErrors, minimalOrderBody, validDto, withLine } from './order-body.fixture-spec';

const errorsOf = (body: unknown) => fieldErrors(body, RegisterOrderDto);
const pathsOf = async (body: unknown) => Object.keys(await errorsOf(body)).sort();

describe('RegisterOrderDto — wrong types at every level', () => {
  it('reports each field once, on its own path', async () => {
    const body = {
      orderId: 123,
      contact: { matchKey: 5, matchKeyType: true },
      status: 1,
      externalStatus: {},
      currencyCode: 978,
      totalPrice: '1647',
      createdAt: 1_700_000_000,
      lastChangedAt: false,
      references: 'order-1',
      externalStoreId: [],
      channel: 1,
      lineItems: {
        items: [
          {
            id: 1,
            type: 7,
            quantity: '2',
            article: { sku: 1, name: 2, description: 3, imageUri: 4, targetUri: 5 },
            totalPrice: '10',
            pricePerUnit: '1',
            originalPricePerUnit: {},
            originalTotalPrice: [],
            discounts: [],
            taxes: 'x',
            externalStatus: 1,
            returnDetails: 'x',
            group: 1,
          },
        ],
        subTotal: '1',
      },
      payments: { items: [{ method: 1, description: 2, amount: '3', reference: 4 }] },
      discounts: { items: [{ type: 1, description: 2, amount: '3' }] },
      taxes: { items: [{ type: 1, description: 2, percent: '25', amount: '3' }] },
      fees: { items: [{ type: 1, description: 2, amount: '3', taxes: [] }] },
      delivery: { method: 1, trackingNumber: 2, trackingUri: 3, deliveryDate: 4 },
      billingAddress: { firstName: 1, lastName: 2, street: 3, postalCode: 4, city: 5, countryCode: 46, email: 6, phone: 7 },
      shippingAddress: 'Main street 1',
      orderAction: { action: 1, language: 2, data: [] },
    };

    const errors = await errorsOf(body);

    const line = 'lineItems.items[0]';
    expect(Object.keys(errors).sort()).toStrictEqual(
      [
        'orderId',
        'contact.matchKey',
        'contact.matchKeyType',
        'status',
        'externalStatus',
        'currencyCode',
        'totalPrice',
        'createdAt',
        'lastChangedAt',
        'references',
        'externalStoreId',
        'channel',
        `${line}.id`,
        `${line}.type`,
        `${line}.quantity`,
        `${line}.article.sku`,
        `${line}.article.name`,
        `${line}.article.description`,
        `${line}.article.imageUri`,
        `${line}.article.targetUri`,
        `${line}.totalPrice`,
        `${line}.pricePerUnit`,
        `${line}.originalPricePerUnit`,
        `${line}.originalTotalPrice`,
        `${line}.discounts`,
        `${line}.taxes`,
        `${line}.externalStatus`,
        `${line}.returnDetails`,
        `${line}.group`,
        'lineItems.subTotal',
        'payments.items[0].method',
        'payments.items[0].description',
        'payments.items[0].amount',
        'payments.items[0].reference',
        'discounts.items[0].type',
        'discounts.items[0].description',
        'discounts.items[0].amount',
        'taxes.items[0].type',
        'taxes.items[0].description',
        'taxes.items[0].percent',
        'taxes.items[0].amount',
        'fees.items[0].type',
        'fees.items[0].description',
        'fees.items[0].amount',
        'fees.items[0].taxes',
        'delivery.method',
        'delivery.trackingNumber',
        'delivery.trackingUri',
        'delivery.deliveryDate',
        'billingAddress.firstName',
        'billingAddress.lastName',
        'billingAddress.street',
        'billingAddress.postalCode',
        'billingAddress.city',
        'billingAddress.countryCode',
        'billingAddress.email',
        'billingAddress.phone',
        'shippingAddress',
        'orderAction.action',
        'orderAction.language',
        'orderAction.data',
      ].sort(),
    );
    expect(errors['orderId']).toStrictEqual(['orderId must be a string']);
    expect(errors['totalPrice']).toStrictEqual(['totalPrice must be a finite number']);
    expect(errors['references']).toStrictEqual(['references must be an array']);
    expect(errors[`${line}.discounts`]).toStrictEqual(['discounts must be an object']);
    expect(errors['shippingAddress']).toStrictEqual(['shippingAddress must be an object']);
    expect(errors['orderAction.data']).toStrictEqual(['data must be an object']);
    expect(errors['status']).toStrictEqual(['status must be one of the following values: InProgress, Completed, Cancelled']);
  });

  it('rejects numeric strings and NaN-like strings as numbers ("12", "NaN", "Infinity", "1e3", "")', async () => {
    const errors = await errorsOf({
      ...withLine({ quantity: 'Infinity', totalPrice: '12', pricePerUnit: '' }),
      totalPrice: 'NaN',
      payments: { items: [{ method: 'Card', amount: '1e3' }] },
    });

    expect(errors).toStrictEqual({
      totalPrice: ['totalPrice must be a finite number'],
      'lineItems.items[0].quantity': ['quantity must be a finite number'],
      'lineItems.items[0].totalPrice': ['totalPrice must be a finite number'],
      'lineItems.items[0].pricePerUnit': ['pricePerUnit must be a finite number'],
      'payments.items[0].amount': ['amount must be a finite number'],
    });
  });
});

describe('RegisterOrderDto — out-of-range numbers', () => {
  it('rejects negative amounts, zero/negative quantities, Infinity (1e400) and amounts above 1e15', async () => {
    const errors = await errorsOf({
      ...withLine({ quantity: 0, totalPrice: -0.01, originalTotalPrice: 1e16 }),
      totalPrice: JSON.parse('1e400') as number,
      taxes: { items: [{ type: 'VAT', percent: -5, amount: 1 }] },
      fees: { items: [{ type: 'Shipping', amount: Number.MAX_VALUE }] },
    });

    expect(errors).toStrictEqual({
      totalPrice: ['totalPrice must be a finite number'],
      'lineItems.items[0].quantity': ['quantity must be a positive number'],
      'lineItems.items[0].totalPrice': ['totalPrice must not be less than 0'],
      'lineItems.items[0].originalTotalPrice': ['originalTotalPrice must not be greater than 1000000000000000'],
      'taxes.items[0].percent': ['percent must not be less than 0'],
      'fees.items[0].amount': ['amount must not be greater than 1000000000000000'],
    });
  });

  it('rejects a negative quantity', async () => {
    expect(await errorsOf(withLine({ quantity: -1 }))).toStrictEqual({
      'lineItems.items[0].quantity': ['quantity must be a positive number'],
    });
  });
});

describe('RegisterOrderDto — null, arrays and primitives where an object is expected', () => {
  it('reports null on required objects as missing', async () => {
    const errors = await errorsOf({ ...minimalOrderBody(), contact: null, lineItems: null });

    expect(errors).toStrictEqual({
      contact: ['contact should not be null or undefined'],
      lineItems: ['lineItems should not be null or undefined'],
    });
  });

  it('reports null inside lines and lists on the exact element', async () => {
    const errors = await errorsOf({
      ...minimalOrderBody(),
      lineItems: { items: [{ quantity: 1, article: null, totalPrice: 1 }, null, 5, 'line'] },
      payments: { items: null },
    });

    expect(errors).toStrictEqual({
      'lineItems.items': ['each value in items must be an object'],
      'lineItems.items[0].article': ['article should not be null or undefined'],
      'lineItems.items[1]': ['each value in items must be an object'],
      'lineItems.items[2]': ['each value in items must be an object'],
      'lineItems.items[3]': ['each value in items must be an object'],
      'payments.items': ['items should not be null or undefined'],
    });
  });

  it('rejects an array given for an object, even one holding a valid object, on that object only', async () => {
    const errors = await errorsOf({
      ...withLine({ article: [{ sku: 'A' }], returnDetails: [] }),
      contact: [{ matchKey: 'a', matchKeyType: 'Email' }],
      delivery: [],
      orderAction: { action: 'Custom', data: ['x'] },
    });

    expect(errors).toStrictEqual({
      contact: ['contact must be an object'],
      'lineItems.items[0].article': ['article must be an object'],
      'lineItems.items[0].returnDetails': ['returnDetails must be an object'],
      delivery: ['delivery must be an object'],
      'orderAction.data': ['data must be an object'],
    });
  });

  it('rejects an object given for an array, and arrays nested in arrays', async () => {
    const line = { quantity: 1, article: { sku: 'A' }, totalPrice: 1 };
    const errors = await errorsOf({
      ...minimalOrderBody(),
      lineItems: { items: { 0: line } },
      payments: { items: [[{ method: 'Card', amount: 1 }]] },
    });

    expect(errors).toStrictEqual({
      'lineItems.items': ['items must be an array'],
      'payments.items': ['each value in items must be an object'],
    });
  });

  it('rejects a body that is not a JSON object as a whole', async () => {
    for (const body of [[minimalOrderBody()], 'order', 42, true]) {
      expect(await errorsOf(body)).toStrictEqual({ $: ['the request body must be a JSON object'] });
    }
  });

  it('reports a null or empty body as every required field missing, and no body at all at $', async () => {
    for (const body of [null, {}]) {
      expect(await pathsOf(body)).toStrictEqual(['contact', 'currencyCode', 'lineItems', 'orderId', 'status', 'totalPrice']);
    }
    expect(await pathsOf(undefined)).toStrictEqual(['$']); // a JSON body is required (body-required.ts)
  });
});

describe('RegisterOrderDto — unknown and dangerous properties', () => {
  it('rejects unknown properties at every level, on their own path', async () => {
    const body = {
      ...withLine({ colour: 'red', article: { sku: 'A', brand: 'X' }, discounts: { items: [{ amount: 1, code: 'C' }], total: 1 } }),
      foo: 1,
      contact: { matchKey: 'a', matchKeyType: 'Email', name: 'John' },
      payments: { items: [{ method: 'Card', amount: 1, card: '4111' }] },
      delivery: { carrier: 'DHL' },
      orderAction: { action: 'Custom', extra: true },
      'foo bar': 1,
      '0': 'zero',
    };

    const errors = await errorsOf(body);

    expect(errors).toStrictEqual({
      foo: ['property foo should not exist'],
      '["foo bar"]': ['property foo bar should not exist'],
      '["0"]': ['property 0 should not exist'],
      'contact.name': ['property name should not exist'],
      'lineItems.items[0].colour': ['property colour should not exist'],
      'lineItems.items[0].article.brand': ['property brand should not exist'],
      'lineItems.items[0].discounts.total': ['property total should not exist'],
      'lineItems.items[0].discounts.items[0].code': ['property code should not exist'],
      'payments.items[0].card': ['property card should not exist'],
      'delivery.carrier': ['property carrier should not exist'],
      'orderAction.extra': ['property extra should not exist'],
    });
  });

  it('rejects __proto__ / constructor / prototype keys (from JSON.parse) and pollutes nothing', async () => {
    const body: unknown = JSON.parse(
      '{"orderId":"o-1","__proto__":{"polluted":true},"contact":{"matchKey":"a","matchKeyType":"Email","constructor":{"prototype":{"polluted":true}}},' +
        '"status":"Completed","currencyCode":"EUR","totalPrice":1,' +
        '"lineItems":{"items":[{"quantity":1,"article":{"sku":"A","__proto__":{"sku":"B"}},"totalPrice":1}]},' +
        '"orderAction":{"action":"Custom","data":{"a":{"prototype":1}}}}',
    );

    const errors = await errorsOf(body);

    expect(errors).toStrictEqual(
      JSON.parse(
        JSON.stringify({
          'contact.constructor': ['property constructor should not exist'],
          'lineItems.items[0].article.__proto__': ['property __proto__ should not exist'],
          'orderAction.data.a.prototype': ['property prototype should not exist'],
        }).replace('{', '{"__proto__":["property __proto__ should not exist"],'),
      ),
    );
    expect(Object.keys(errors)).toContain('__proto__');
    expect(Object.getPrototypeOf(errors)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('rejects a body nested deeper than 32 levels without overflowing the stack', async () => {
    let deepest: Record<string, unknown> = {};
    const data = deepest;
    for (let i = 0; i < 100_000; i++) {
      const next: Record<string, unknown> = {};
      deepest['a'] = next;
      deepest = next;
    }

    const errors = await errorsOf({ ...minimalOrderBody(), orderAction: { action: 'Custom', data } });

    expect(Object.keys(errors)).toStrictEqual([`orderAction.data${'.a'.repeat(30)}`]);
    expect(Object.values(errors)).toStrictEqual([['must not be nested deeper than 32 levels']]);
  });
});

describe('RegisterOrderDto — sizes and formats', () => {
  it('rejects a 5,000-character orderId with one message', async () => {
    expect(await errorsOf({ ...minimalOrderBody(), orderId: 'x'.repeat(5000) })).toStrictEqual({
      orderId: ['orderId must be shorter than or equal to 100 characters'],
    });
  });

  it('rejects blank, empty and control-character orderIds', async () => {
    expect(await errorsOf({ ...minimalOrderBody(), orderId: '' })).toStrictEqual({
      orderId: ['orderId must be longer than or equal to 1 characters'],
    });
    expect(await errorsOf({ ...minimalOrderBody(), orderId: '   ' })).toStrictEqual({ orderId: ['orderId must not be blank'] });
    expect(await errorsOf({ ...minimalOrderBody(), orderId: 'a\nb' })).toStrictEqual({
      orderId: ['orderId must not contain control characters'],
    });
  });

  it("rejects the orderIds '.' and '..' (no URL can reach them) but not other ids with dots", async () => {
    for (const orderId of ['.', '..']) {
      expect(await errorsOf({ ...minimalOrderBody(), orderId })).toStrictEqual({
        orderId: ["orderId must not be '.' or '..' (URLs resolve those path segments away)"],
      });
    }
    for (const orderId of ['...', '.a', 'a..b']) await validDto({ ...minimalOrderBody(), orderId }, RegisterOrderDto);
  });

  it('rejects orderIds with lone surrogates (no UTF-8 form); surrogate pairs are fine', async () => {
    for (const orderId of ['\ud800', 'a\udc00b', '\ud83d'.repeat(3)]) {
      expect(await errorsOf({ ...minimalOrderBody(), orderId })).toStrictEqual({
        orderId: ['orderId must be well-formed Unicode (no lone surrogates)'],
      });
    }
    await validDto({ ...minimalOrderBody(), orderId: '😀'.repeat(100) }, RegisterOrderDto);
  });

  it('rejects a SKU of only white space at its line, like a blank orderId or matchKey', async () => {
    const body = {
      ...minimalOrderBody(),
      lineItems: {
        items: [
          { quantity: 1, article: { sku: 'A' }, totalPrice: 5 },
          { quantity: 1, article: { sku: ' \t ' }, totalPrice: 5 },
        ],
      },
    };
    expect(await errorsOf(body)).toStrictEqual({ 'lineItems.items[1].article.sku': ['sku must not be blank'] });
    expect(await errorsOf({ ...minimalOrderBody(), contact: { matchKey: '   ', matchKeyType: 'Email' } })).toStrictEqual({
      'contact.matchKey': ['matchKey must not be blank'],
    });
  });

  it('applies the length limits of nested fields', async () => {
    const errors = await errorsOf({
      ...withLine({ article: { sku: 's'.repeat(101), description: 'd'.repeat(2001) }, returnDetails: undefined }),
      contact: { matchKey: 'k'.repeat(256), matchKeyType: 'Email' },
      externalStatus: 'e'.repeat(101),
      references: ['ok', '', 'r'.repeat(101)],
    });

    expect(Object.keys(errors).sort()).toStrictEqual([
      'contact.matchKey',
      'externalStatus',
      'lineItems.items[0].article.description',
      'lineItems.items[0].article.sku',
      'references',
    ]);
  });

  it('rejects more than 1000 lines, more than 100 payments, and no line at all', async () => {
    const line = { quantity: 1, article: { sku: 'A' }, totalPrice: 1 };
    const payment = { method: 'Card', amount: 1 };

    expect(
      await errorsOf({
        ...minimalOrderBody(),
        lineItems: { items: Array.from({ length: 1001 }, () => line) },
        payments: { items: Array.from({ length: 101 }, () => payment) },
      }),
    ).toStrictEqual({
      'lineItems.items': ['items must contain no more than 1000 elements'],
      'payments.items': ['items must contain no more than 100 elements'],
    });
    expect(await errorsOf({ ...minimalOrderBody(), lineItems: { items: [] } })).toStrictEqual({
      'lineItems.items': ['items must contain at least 1 elements'],
    });
  });

  it('requires date-times with an offset that exist on the calendar', async () => {
    const errors = await errorsOf({
      ...minimalOrderBody(),
      createdAt: '2025-03-01',
      lastChangedAt: '2025-03-01T12:00:00',
      delivery: { deliveryDate: '2025-02-30T12:00:00Z' },
    });

    expect(errors).toStrictEqual({
      createdAt: ['createdAt must be an ISO 8601 date-time with an offset (Z or ±hh:mm)'],
      lastChangedAt: ['lastChangedAt must be an ISO 8601 date-time with an offset (Z or ±hh:mm)'],
      'delivery.deliveryDate': ['deliveryDate must be an ISO 8601 date-time with an offset (Z or ±hh:mm)'],
    });
  });

  it('rejects unknown currency and country codes', async () => {
    expect(await errorsOf({ ...minimalOrderBody(), currencyCode: 'EURO', billingAddress: { countryCode: 'Sweden' } })).toStrictEqual({
      currencyCode: ['currencyCode must be an ISO 4217 alphabetic currency code'],
      'billingAddress.countryCode': ['countryCode must be an ISO 3166-1 alpha-2 country code'],
    });
  });
});

describe('RegisterOrderDto — missing required fields at every level', () => {
  it('reports each missing field on its path', async () => {
    const body = {
      ...minimalOrderBody(),
      contact: {},
      lineItems: { items: [{}, { type: 'Return', quantity: 1, article: {}, totalPrice: 1, returnDetails: {} }] },
      payments: { items: [{}] },
      discounts: { items: [{}] },
      taxes: { items: [{}] },
      fees: { items: [{ taxes: { items: [{}] } }] },
      orderAction: {},
    };

    const errors = await errorsOf(body);

    expect(Object.keys(errors).sort()).toStrictEqual(
      [
        'contact.matchKey',
        'contact.matchKeyType',
        'lineItems.items[0].quantity',
        'lineItems.items[0].article',
        'lineItems.items[0].totalPrice',
        'lineItems.items[1].article.sku',
        'lineItems.items[1].returnDetails.type',
        'payments.items[0].method',
        'payments.items[0].amount',
        'discounts.items[0].amount',
        'taxes.items[0].type',
        'taxes.items[0].amount',
        'fees.items[0].type',
        'fees.items[0].amount',
        'fees.items[0].taxes.items[0].type',
        'fees.items[0].taxes.items[0].amount',
        'orderAction.action',
      ].sort(),
    );
    expect(errors['lineItems.items[0].quantity']).toStrictEqual(['quantity should not be null or undefined']);
  });

  it('requires `items` in every `{ items }` wrapper', async () => {
    const errors = await errorsOf({ ...withLine({ taxes: {} }), payments: {}, lineItems: {} });

    expect(errors).toStrictEqual({
      'payments.items': ['items should not be null or undefined'],
      'lineItems.items': ['items should not be null or undefined'],
    });
  });
});

describe('RegisterOrderDto — cross-field rules', () => {
  it('allows returnDetails only on Return lines (a line without type is a purchase)', async () => {
    const returnDetails = { type: 'Normal' };
    const errors = await errorsOf({
      ...minimalOrderBody(),
      lineItems: {
        items: [
          { quantity: 1, article: { sku: 'A' }, totalPrice: 1, returnDetails },
          { type: 'Purchase', quantity: 1, article: { sku: 'A' }, totalPrice: 1, returnDetails },
          { type: 'Return', quantity: 1, article: { sku: 'A' }, totalPrice: 1, returnDetails },
        ],
      },
    });

    expect(errors).toStrictEqual({
      'lineItems.items[0].returnDetails': ['returnDetails is only allowed on Return lines'],
      'lineItems.items[1].returnDetails': ['returnDetails is only allowed on Return lines'],
    });
  });
});
