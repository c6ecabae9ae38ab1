import { describe, expect, it } from 'vitest';
import { fullOrder, minimalOrder, newOrderId } from './support/orders';
import { useService } from './support/service-process';

const ctx = useService();

async function registered(order: Record<string, unknown>) {
  const accepted = await ctx.api.post('/api/v3/orders', order);
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
  return ctx.api.waitForJob(accepted.headers.get('location')!);
}

describe('E2/E6/E3: register, follow the job, read the order', () => {
  it('round-trips a fully populated order with its derived type and versionTag', async () => {
    const order = fullOrder();
    const accepted = await ctx.api.post('/api/v3/orders', order);
    expect(accepted.status).toBe(202);
    const location = accepted.headers.get('location')!;
    expect(location).toMatch(/^\/api\/v3\/orders\/jobs\/[\w-]+$/);
    expect(accepted.body).toEqual({ jobId: expect.any(String), orderId: order.orderId, status: 'Pending', href: location });

    const done = await ctx.api.waitForJob(location);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe(`/api/v3/orders/${order.orderId}`);
    expect(done.body).toMatchObject({ status: 'Completed', orderId: order.orderId, versionTag: expect.any(String) });

    const read = await ctx.api.get(done.headers.get('location')!);
    expect(read.status).toBe(200);
    const { versionTag, type, ...fields } = read.body;
    expect(fields).toEqual(order);
    expect(type).toBe('Purchase');
    expect(versionTag).toBe(done.body.versionTag);
    expect(read.headers.get('etag')).toBe(`"${versionTag}"`);
  });

  it('defaults createdAt to the registration time and writes enums back in canonical casing', async () => {
    const before = Date.now();
    const order = minimalOrder(newOrderId(), 'c-enum', {
      status: 'in progress',
      contact: { matchKey: 'c-enum', matchKeyType: 'contactid' },
    });
    (order.lineItems.items[0] as Record<string, unknown>).type = 'PURCHASE';
    const done = await registered(order);
    const read = await ctx.api.get(done.headers.get('location')!);
    expect(read.body.status).toBe('InProgress');
    expect(read.body.contact.matchKeyType).toBe('ContactId');
    expect(read.body.lineItems.items[0].type).toBe('Purchase');
    expect(Date.parse(read.body.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(read.body.createdAt)).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('derives type Return when every line is a return', async () => {
    const order = minimalOrder(newOrderId(), 'c-ret', {
      lineItems: { items: [{ type: 'Return', quantity: 1, article: { sku: 'X' }, totalPrice: 10, returnDetails: { type: 'Normal' } }] },
    });
    const done = await registered(order);
    expect((await ctx.api.get(done.headers.get('location')!)).body.type).toBe('Return');
  });

  it('rejects a second registration of the same orderId with 409 ORDER_ALREADY_EXISTS', async () => {
    const order = minimalOrder();
    await registered(order);
    const again = await ctx.api.post('/api/v3/orders', order);
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(again.body).toMatchObject({ status: 409, code: 'ORDER_ALREADY_EXISTS' });
  });

  it('answers 404 ORDER_NOT_FOUND for an unknown order and for another contact', async () => {
    expect((await ctx.api.get(`/api/v3/orders/${newOrderId('none')}`)).body).toMatchObject({ status: 404, code: 'ORDER_NOT_FOUND' });
    const order = minimalOrder(newOrderId(), 'c-owner');
    await registered(order);
    expect((await ctx.api.get(`/api/v3/orders/${order.orderId}?contactId=c-owner`)).status).toBe(200);
    expect((await ctx.api.get(`/api/v3/orders/${order.orderId}?contactId=c-other`)).status).toBe(404);
  });

  it('answers 404 JOB_NOT_FOUND for a made-up or tampered job id', async () => {
    expect((await ctx.api.get('/api/v3/orders/jobs/bm9wZQ')).body).toMatchObject({ status: 404, code: 'JOB_NOT_FOUND' });
    const accepted = await ctx.api.post('/api/v3/orders', minimalOrder());
    const forged = Buffer.from(`7:${accepted.body.orderId}`).toString('base64url');
    expect((await ctx.api.get(`/api/v3/orders/jobs/${forged}`)).status).toBe(404);
  });
});

describe('E4/E5/E8/E9: changes', () => {
  it('replace changes the versionTag and the content; createdAt is kept when omitted', async () => {
    const order = minimalOrder(newOrderId(), 'c-rep', { createdAt: '2026-01-01T00:00:00Z' });
    const first = await registered(order);
    const { createdAt: _omitted, ...withoutCreatedAt } = order as Record<string, unknown>;
    const replaced = await ctx.api.put(`/api/v3/orders/${order.orderId}`, { ...withoutCreatedAt, totalPrice: 250, status: 'Completed' });
    expect(replaced.status).toBe(202);
    const done = await ctx.api.waitForJob(replaced.headers.get('location')!);
    expect(done.status).toBe(302);
    expect(done.body.versionTag).not.toBe(first.body.versionTag);
    const read = await ctx.api.get(`/api/v3/orders/${order.orderId}`);
    expect(read.body).toMatchObject({
      totalPrice: 250,
      status: 'Completed',
      createdAt: '2026-01-01T00:00:00Z',
      versionTag: done.body.versionTag,
    });
  });

  it('replace of an unknown order is 404; a body orderId that differs from the path is 400', async () => {
    const order = minimalOrder();
    expect((await ctx.api.put(`/api/v3/orders/${order.orderId}`, order)).status).toBe(404);
    await registered(order);
    const mismatch = await ctx.api.put(`/api/v3/orders/${order.orderId}`, { ...order, orderId: 'other' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors).toHaveProperty('orderId');
  });

  it('change-status and change-delivery update only their fields', async () => {
    const order = fullOrder();
    await registered(order);
    const status = await ctx.api.post(`/api/v3/orders/${order.orderId}/change-status`, {
      status: 'completed',
      externalStatus: 'Delivered',
    });
    expect(status.status).toBe(202);
    expect((await ctx.api.waitForJob(status.headers.get('location')!)).status).toBe(302);
    const delivery = await ctx.api.post(`/api/v3/orders/${order.orderId}/change-delivery`, { trackingNumber: 'TRK-2' });
    expect(delivery.status).toBe(202);
    const done = await ctx.api.waitForJob(delivery.headers.get('location')!);
    const read = await ctx.api.get(`/api/v3/orders/${order.orderId}`);
    expect(read.body.status).toBe('Completed');
    expect(read.body.externalStatus).toBe('Delivered');
    expect(read.body.delivery).toEqual({ ...order.delivery, trackingNumber: 'TRK-2' });
    expect(read.body.totalPrice).toBe(order.totalPrice);
    expect(read.body.versionTag).toBe(done.body.versionTag);
  });

  it('change-status needs status or externalStatus; unknown order is 404', async () => {
    const order = minimalOrder();
    await registered(order);
    const empty = await ctx.api.post(`/api/v3/orders/${order.orderId}/change-status`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('VALIDATION_FAILED');
    const bad = await ctx.api.post(`/api/v3/orders/${order.orderId}/change-status`, { status: 'Shipped' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty('status');
    expect((await ctx.api.post(`/api/v3/orders/${newOrderId('none')}/change-status`, { status: 'Completed' })).status).toBe(404);
    expect((await ctx.api.post(`/api/v3/orders/${newOrderId('none')}/change-delivery`, { method: 'Pickup' })).status).toBe(404);
  });

  it('delete: job answers 200 Completed, the order is gone, its id can be registered again', async () => {
    const order = minimalOrder(newOrderId(), 'c-del');
    await registered(order);
    const deleted = await ctx.api.delete(`/api/v3/orders/${order.orderId}`);
    expect(deleted.status).toBe(202);
    const done = await ctx.api.waitForJob(deleted.headers.get('location')!);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'Completed', orderId: order.orderId });
    expect((await ctx.api.get(`/api/v3/orders/${order.orderId}`)).status).toBe(404);
    expect((await ctx.api.delete(`/api/v3/orders/${order.orderId}`)).status).toBe(404);
    expect((await ctx.api.get('/api/v3/orders?contactId=c-del')).body.totalCount).toBe(0);
    const again = await registered(order);
    expect(again.status).toBe(302);
  });
});

describe('E1: a contact listing', () => {
  it('lists newest createdAt first (across offsets), pages with links, and hides deleted orders', async () => {
    const contactId = `c-list-${newOrderId()}`;
    const times = [
      '2026-03-01T10:00:00+02:00',
      '2026-03-01T09:30:00Z',
      '2026-02-01T00:00:00Z',
      '2026-03-02T00:00:00-05:00',
      '2025-12-31T23:59:59Z',
    ];
    const ids: string[] = [];
    for (const createdAt of times) {
      const order = minimalOrder(newOrderId(), contactId, { createdAt });
      ids.push(order.orderId);
      await registered(order);
    }
    await registered(minimalOrder(newOrderId(), 'someone-else'));
    const expected = [3, 1, 0, 2, 4].map((i) => ids[i]);

    const page1 = await ctx.api.get(`/api/v3/orders?contactId=${contactId}&offset=0&count=2`);
    expect(page1.status).toBe(200);
    expect(page1.body.totalCount).toBe(5);
    expect(page1.body.items.map((o: { orderId: string }) => o.orderId)).toEqual(expected.slice(0, 2));
    expect(page1.body.items[0].versionTag).toEqual(expect.any(String));
    expect(page1.body.links).toEqual([{ rel: 'next', href: `/api/v3/orders?contactId=${contactId}&offset=2&count=2`, method: 'GET' }]);

    const page2 = await ctx.api.get(`/api/v3/orders?contactId=${contactId}&offset=2&count=2`);
    expect(page2.body.items.map((o: { orderId: string }) => o.orderId)).toEqual(expected.slice(2, 4));
    expect(page2.body.links.map((l: { rel: string }) => l.rel)).toEqual(['next', 'previous']);

    const last = await ctx.api.get(`/api/v3/orders?contactId=${contactId}&offset=4&count=2`);
    expect(last.body.links).toEqual([{ rel: 'previous', href: `/api/v3/orders?contactId=${contactId}&offset=2&count=2`, method: 'GET' }]);

    const deleted = await ctx.api.delete(`/api/v3/orders/${expected[0]}`);
    await ctx.api.waitForJob(deleted.headers.get('location')!);
    const after = await ctx.api.get(`/api/v3/orders?contactId=${contactId}`);
    expect(after.body.totalCount).toBe(4);
    expect(after.body.count).toBe(10);
    expect(after.body.offset).toBe(0);
    expect(after.body.items.map((o: { orderId: string }) => o.orderId)).toEqual(expected.slice(1));
  });

  it('validates the query: contactId required, count ≤ 100, offset ≥ 0', async () => {
    expect((await ctx.api.get('/api/v3/orders')).status).toBe(400);
    const tooMany = await ctx.api.get('/api/v3/orders?contactId=x&count=101');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toHaveProperty('count');
    expect((await ctx.api.get('/api/v3/orders?contactId=x&offset=-1')).body.errors).toHaveProperty('offset');
  });
});

describe('warnings: sums that do not add up are accepted and logged', () => {
  it('reports subTotal and payment mismatches in the integration log', async () => {
    const order = minimalOrder(newOrderId(), 'c-warn', {
      totalPrice: 100,
      lineItems: { subTotal: 90, items: [{ quantity: 1, article: { sku: 'A' }, totalPrice: 100 }] },
      payments: { items: [{ method: 'Card', amount: 80 }] },
    });
    await registered(order);
    const warnings = await ctx.api.get(`/api/v3/orders/${order.orderId}/warnings`);
    expect(warnings.status).toBe(200);
    // the SKUs are not in the article register: ARTICLE_MISSING comes too (test/registers.e2e.spec.ts)
    const sums = (items: { code: string }[]) => items.filter((w) => w.code === 'SUMS_DO_NOT_ADD_UP');
    expect(sums(warnings.body.items)).toHaveLength(2);
    const clean = minimalOrder();
    await registered(clean);
    expect(sums((await ctx.api.get(`/api/v3/orders/${clean.orderId}/warnings`)).body.items)).toEqual([]);
  });
});
