import { describe, expect, it } from 'vitest';
import { TEST_ADMIN_API_KEY } from './support/http';
import { minimalOrder, newOrderId } from './support/orders';
import { RawConnection } from './support/raw-http';
import { useService } from './support/service-process';

/*
 * Issue 18 point 7: one rule per kind of text, everywhere, at the built service. Lone surrogates were
 * refused in orderId only; instants in year 10000 / year 0 were accepted when written in range; a
 * register id `..` was created although orderIds refuse it.
 */
const ctx = useService();

const LONE = 'x\ud800y';
const SURROGATE = /well-formed Unicode/;

/** One request written as given (fetch would resolve `%2e%2e` away before sending it). */
async function rawPut(path: string, body: unknown) {
  const connection = await RawConnection.open(ctx.service.url);
  const text = JSON.stringify(body);
  connection.write(
    [
      `PUT ${path} HTTP/1.1`,
      'host: 127.0.0.1',
      `apikey: ${TEST_ADMIN_API_KEY}`,
      'content-type: application/json',
      `content-length: ${Buffer.byteLength(text)}`,
      'connection: close',
      '',
      text,
    ].join('\r\n'),
  );
  const answer = await connection.answer();
  connection.destroy();
  return answer!;
}

describe('every text field refuses lone surrogates', () => {
  it('references[], externalStatus, channel, tracking fields and address e-mails: 400 at each exact path, nothing stored', async () => {
    const orderId = newOrderId('lone');
    const answer = await ctx.api.post(
      '/api/v3/orders',
      minimalOrder(orderId, 'c-lone', {
        references: ['fine', LONE],
        externalStatus: LONE,
        channel: LONE,
        delivery: { trackingNumber: LONE, trackingUri: LONE },
        billingAddress: { email: LONE },
        shippingAddress: { email: LONE },
      }),
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(answer.body.code).toBe('VALIDATION_FAILED');
    // the DTO reports what it sees; references[] elements are checked by the domain's id rule at their index
    expect(Object.keys(answer.body.errors).sort()).toEqual(
      [
        'billingAddress.email',
        'channel',
        'delivery.trackingNumber',
        'delivery.trackingUri',
        'externalStatus',
        'shippingAddress.email',
      ].sort(),
    );
    for (const messages of Object.values(answer.body.errors) as string[][]) expect(messages.join()).toMatch(SURROGATE);
    expect((await ctx.api.get(`/api/v3/orders/${orderId}`)).status).toBe(404);

    const reference = await ctx.api.post('/api/v3/orders', minimalOrder(newOrderId('lone-ref'), 'c-lone', { references: ['fine', LONE] }));
    expect(reference.status).toBe(400);
    expect(reference.body.errors).toStrictEqual({ 'references[1]': ['must be well-formed Unicode (no lone surrogates)'] });
  });

  it('E8, E9 and register bodies too', async () => {
    const order = minimalOrder(newOrderId('lone-change'), 'c-lone');
    expect((await ctx.api.post('/api/v3/orders', order)).status).toBe(202);
    const status = await ctx.api.post(`/api/v3/orders/${order.orderId}/change-status`, { externalStatus: LONE });
    expect(status.status).toBe(400);
    expect(Object.keys(status.body.errors)).toEqual(['externalStatus']);
    const delivery = await ctx.api.post(`/api/v3/orders/${order.orderId}/change-delivery`, { trackingNumber: LONE });
    expect(delivery.status).toBe(400);
    expect(Object.keys(delivery.body.errors)).toEqual(['trackingNumber']);
    const contact = await ctx.api.put(`/api/v3/contacts/${newOrderId('c-lone')}`, { email: LONE });
    expect(contact.status).toBe(400);
    expect(Object.keys(contact.body.errors)).toEqual(['email']);
  });
});

describe('every id follows the orderId rule', () => {
  it("references[] refuses '.', '..' and control characters at their index", async () => {
    const answer = await ctx.api.post(
      '/api/v3/orders',
      minimalOrder(newOrderId('refs'), 'c-refs', { references: ['ok', '..', 'a\u0001b'] }),
    );
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.errors)).toEqual(['references[1]', 'references[2]']);
  });

  it('PUT /contacts/%2e%2e, /articles/%2E and /stores/%2e%2e are 400 VALIDATION_FAILED (they were created as `..` / `.`)', async () => {
    for (const [path, body] of [
      ['/api/v3/contacts/%2e%2e', { email: 'dots@example.com' }],
      ['/api/v3/articles/%2E', { name: 'dots' }],
      ['/api/v3/stores/%2e%2e', { name: 'dots' }],
    ] as const) {
      const answer = await rawPut(path, body);
      expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).toBe(400);
      expect(answer.body.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(answer.body.errors)).toMatch(/'\.' or '\.\.'/);
    }
  });
});

describe('date-times are in range as instants (UTC years 0001–9999)', () => {
  it('9999-12-31T23:59:59-23:59 (year 10000) and 0001-01-01T00:00:00+14:00 (year 0) are 400; the edges are accepted', async () => {
    for (const [field, value] of [
      ['createdAt', '9999-12-31T23:59:59-23:59'],
      ['createdAt', '0001-01-01T00:00:00+14:00'],
      ['lastChangedAt', '9999-12-31T23:30:00-01:00'],
    ] as const) {
      const answer = await ctx.api.post('/api/v3/orders', minimalOrder(newOrderId('date'), 'c-date', { [field]: value }));
      expect(answer.status, `${field}=${value}`).toBe(400);
      expect(Object.keys(answer.body.errors)).toEqual([field]);
    }
    const edge = minimalOrder(newOrderId('date-edge'), 'c-date', {
      createdAt: '9999-12-31T23:59:59+0100',
      lastChangedAt: '0001-01-01T00:00:00z',
    });
    const accepted = await ctx.api.post('/api/v3/orders', edge);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    await ctx.api.waitForJob(accepted.headers.get('location')!);
    expect((await ctx.api.get(`/api/v3/orders/${edge.orderId}`)).body).toMatchObject({
      createdAt: '9999-12-31T23:59:59+01:00',
      lastChangedAt: '0001-01-01T00:00:00Z',
    });
  });
});
