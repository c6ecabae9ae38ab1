import { describe, expect, it } from 'vitest';
import { minimalOrder, newOrderId } from './support/orders';
import { useService } from './support/service-process';

const ctx = useService();

const expectProblem = (answer: { status: number; headers: Headers; body: any }, status: number, code: string) => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  expect(JSON.stringify(answer.body)).not.toMatch(/\bat .+\.js:\d+/);
};

describe('transport rules (SPEC §2)', () => {
  it('415 without a JSON content type', async () => {
    const order = JSON.stringify(minimalOrder());
    expectProblem(await ctx.api.call('POST', '/api/v3/orders', order, { 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await ctx.api.call('POST', '/api/v3/orders', order, { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('413 over 1 MiB', async () => {
    const order = minimalOrder(newOrderId(), 'c', { channel: 'x'.repeat(1024 * 1024) });
    expectProblem(await ctx.api.post('/api/v3/orders', order), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('400 MALFORMED_JSON for broken JSON, prototype poisoning and deep nesting', async () => {
    expectProblem(await ctx.api.post('/api/v3/orders', '{"orderId": '), 400, 'MALFORMED_JSON');
    expectProblem(await ctx.api.post('/api/v3/orders', '{"__proto__": {"admin": true}}'), 400, 'MALFORMED_JSON');
    expectProblem(await ctx.api.post('/api/v3/orders', `${'['.repeat(5000)}${']'.repeat(5000)}`), 400, 'MALFORMED_JSON');
    expectProblem(await ctx.api.post('/api/v3/orders', ''), 400, 'MALFORMED_JSON');
  });

  it('400 VALIDATION_FAILED with JSON paths of every failing field', async () => {
    const order = minimalOrder(newOrderId(), 'c', {
      currencyCode: 'XXQ',
      totalPrice: -1,
      lineItems: {
        items: [
          { quantity: 1, article: { sku: 'A' }, totalPrice: 1 },
          { quantity: 0, article: { sku: '' }, totalPrice: 1, returnDetails: { type: 'Normal' } },
        ],
      },
      payments: { items: [{ amount: 5 }] },
    });
    const answer = await ctx.api.post('/api/v3/orders', order);
    expectProblem(answer, 400, 'VALIDATION_FAILED');
    expect(Object.keys(answer.body.errors)).toEqual(
      expect.arrayContaining(['totalPrice', 'lineItems.items[1].quantity', 'lineItems.items[1].article.sku', 'payments.items[0].method']),
    );
  });

  it('domain rules: returnDetails only on Return lines, line ids unique, currency ISO 4217', async () => {
    const returnOnPurchase = minimalOrder(newOrderId(), 'c', {
      lineItems: { items: [{ quantity: 1, article: { sku: 'A' }, totalPrice: 1, returnDetails: { type: 'Normal' } }] },
    });
    expect(Object.keys((await ctx.api.post('/api/v3/orders', returnOnPurchase)).body.errors)).toContain('lineItems.items[0].returnDetails');
    const duplicateIds = minimalOrder(newOrderId(), 'c', {
      lineItems: { items: [1, 2].map(() => ({ id: 'same', quantity: 1, article: { sku: 'A' }, totalPrice: 1 })) },
    });
    expect(Object.keys((await ctx.api.post('/api/v3/orders', duplicateIds)).body.errors)).toContain('lineItems.items[1].id');
    const currency = await ctx.api.post('/api/v3/orders', minimalOrder(newOrderId(), 'c', { currencyCode: 'ABC' }));
    expect(currency.body.errors).toHaveProperty('currencyCode');
  });

  it('unknown routes are 404 problems; an orderId over 100 characters never exists', async () => {
    expectProblem(await ctx.api.get('/api/v3/nothing-here'), 404, 'ROUTE_NOT_FOUND');
    expectProblem(await ctx.api.get(`/api/v3/orders/${'x'.repeat(5000)}`), 404, 'ORDER_NOT_FOUND');
  });
});
