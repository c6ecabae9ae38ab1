import { describe, it, expect } from 'vitest';
import { normalizeOrder } from './normalize-order';
import { NOW, asInput, orderBody } from './order.fixtures';

const line = (overrides: Record<string, unknown> = {}) => ({ quantity: 1, article: { sku: 'SKU-1' }, totalPrice: 10, ...overrides });
const withLines = (...items: unknown[]) => orderBody({ lineItems: { items } });
const normalize = (body: unknown) => normalizeOrder(asInput(body), { now: NOW });
const errorsOf = (body: unknown) => {
  const result = normalize(body);
  if (result.ok) throw new Error('expected validation errors');
  return result.errors;
};

describe('normalizeOrder: line items', () => {
  it('requires at least one line and at most 1000', () => {
    expect(errorsOf(withLines())).toEqual({ 'lineItems.items': ['must contain at least 1 item'] });
    expect(errorsOf(orderBody({ lineItems: {} }))).toEqual({ 'lineItems.items': ['is required'] });
    expect(errorsOf(orderBody({ lineItems: [] }))).toEqual({ lineItems: ['must be an object'] });
    const many = Array.from({ length: 1001 }, () => line());
    expect(errorsOf(withLines(...many))).toEqual({ 'lineItems.items': ['must contain at most 1000 items'] });
    expect(normalize(withLines(...many.slice(1))).ok).toBe(true);
  });

  it('defaults the line type to Purchase and canonicalises a given one', () => {
    const result = normalize(withLines(line(), line({ type: 'return' })));
    expect(result.ok && result.order.lineItems.items.map((l) => l.type)).toEqual(['Purchase', 'Return']);
  });

  it('derives the order type: Purchase with at least one purchase line, Return with only returns', () => {
    const mixed = normalize(withLines(line({ type: 'Return' }), line()));
    expect(mixed.ok && mixed.order.type).toBe('Purchase');
    const returns = normalize(withLines(line({ type: 'Return' }), line({ type: 'RETURN' })));
    expect(returns.ok && returns.order.type).toBe('Return');
  });

  it('reports every broken field of every line with its exact path', () => {
    const errors = errorsOf(
      withLines(
        line(),
        line({ quantity: 0, type: 'Exchange' }),
        line({ article: { sku: '' }, totalPrice: undefined, pricePerUnit: -1 }),
        'not a line',
        line({ article: { sku: ' \t ' } }),
      ),
    );
    expect(errors).toEqual({
      'lineItems.items[4].article.sku': ['must not be blank'],
      'lineItems.items[1].quantity': ['must be greater than 0'],
      'lineItems.items[1].type': ['must be one of: Purchase, Return'],
      'lineItems.items[2].article.sku': ['must not be empty'],
      'lineItems.items[2].totalPrice': ['is required'],
      'lineItems.items[2].pricePerUnit': ['must be greater than or equal to 0'],
      'lineItems.items[3]': ['must be an object'],
    });
  });

  it('rejects quantities that are not finite positive numbers', () => {
    for (const quantity of [-1, Number.NaN, Number.POSITIVE_INFINITY, '2', null]) {
      expect(Object.keys(errorsOf(withLines(line({ quantity }))))).toEqual(['lineItems.items[0].quantity']);
    }
    const fractional = normalize(withLines(line({ quantity: 0.5 })));
    expect(fractional.ok && fractional.order.lineItems.items[0]?.quantity).toBe(0.5);
  });

  it('checks the article fields', () => {
    const article = {
      sku: 'x'.repeat(101),
      name: 'x'.repeat(256),
      description: 'x'.repeat(2001),
      imageUri: 'x'.repeat(2001),
      targetUri: 42,
    };
    expect(Object.keys(errorsOf(withLines(line({ article }))))).toEqual([
      'lineItems.items[0].article.sku',
      'lineItems.items[0].article.name',
      'lineItems.items[0].article.description',
      'lineItems.items[0].article.imageUri',
      'lineItems.items[0].article.targetUri',
    ]);
    expect(errorsOf(withLines(line({ article: null })))).toEqual({ 'lineItems.items[0].article': ['is required'] });
  });

  it('requires line ids to be unique, with the error on the duplicate', () => {
    const errors = errorsOf(withLines(line({ id: 'a' }), line({ id: 'b' }), line({ id: 'a' })));
    expect(errors).toEqual({ 'lineItems.items[2].id': ['duplicates the id of lineItems.items[0]'] });
  });

  it('allows return details only on Return lines, with a required type', () => {
    const ok = normalize(withLines(line({ type: 'Return', returnDetails: { type: 'complaint', reason: 'Broken' } })));
    expect(ok.ok && ok.order.lineItems.items[0]?.returnDetails).toEqual({ type: 'Complaint', reason: 'Broken' });
    expect(errorsOf(withLines(line({ returnDetails: { type: 'Normal' } })))).toEqual({
      'lineItems.items[0].returnDetails': ['is only allowed on Return lines'],
    });
    expect(errorsOf(withLines(line({ type: 'Return', returnDetails: { reason: 'x'.repeat(256) } })))).toEqual({
      'lineItems.items[0].returnDetails.type': ['is required'],
      'lineItems.items[0].returnDetails.reason': ['must be at most 255 characters'],
    });
  });

  it('checks line discounts, taxes, externalStatus, group and the subTotal', () => {
    const errors = errorsOf(
      orderBody({
        lineItems: {
          subTotal: -0.01,
          items: [
            line({
              discounts: { items: [{ type: 'Bogus', amount: 1 }] },
              taxes: { items: [{ amount: 1 }] },
              externalStatus: 'x'.repeat(101),
              group: 'x'.repeat(101),
            }),
          ],
        },
      }),
    );
    expect(Object.keys(errors).sort()).toEqual(
      [
        'lineItems.items[0].discounts.items[0].type',
        'lineItems.items[0].externalStatus',
        'lineItems.items[0].group',
        'lineItems.items[0].taxes.items[0].type',
        'lineItems.subTotal',
      ].sort(),
    );
  });

  it('wants line discounts and taxes wrapped in { items } as on the header', () => {
    expect(errorsOf(withLines(line({ discounts: [{ amount: 1 }], taxes: {} })))).toEqual({
      'lineItems.items[0].discounts': ['must be an object'],
      'lineItems.items[0].taxes.items': ['is required'],
    });
  });

  it('keeps valid optional line fields in canonical form', () => {
    const result = normalize(
      withLines(
        line({
          pricePerUnit: 12,
          originalPricePerUnit: 15,
          originalTotalPrice: 15,
          discounts: { items: [{ type: 'coupon', amount: 3 }] },
          taxes: { items: [{ type: 'vat', percent: 25, amount: 2 }] },
          group: 'parcel-1',
        }),
      ),
    );
    expect(result.ok && result.order.lineItems.items[0]).toEqual({
      type: 'Purchase',
      quantity: 1,
      article: { sku: 'SKU-1' },
      totalPrice: 10,
      pricePerUnit: 12,
      originalPricePerUnit: 15,
      originalTotalPrice: 15,
      discounts: { items: [{ type: 'Coupon', amount: 3 }] },
      taxes: { items: [{ type: 'VAT', percent: 25, amount: 2 }] },
      group: 'parcel-1',
    });
  });
});
