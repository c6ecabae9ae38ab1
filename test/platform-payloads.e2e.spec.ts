import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newOrderId } from './support/orders';
import { useService } from './support/service-process';

/*
 * Issue 19 point 1: what the platform's public docs send is accepted and reads back in canonical form.
 * The bodies are hand-written fixtures in test/fixtures/platform/ (see its README).
 */
const ctx = useService();

const fixture = (name: string): Record<string, any> =>
  JSON.parse(readFileSync(join(__dirname, 'fixtures', 'platform', name), 'utf8')) as Record<string, any>;

async function accepted(answer: { status: number; headers: Headers; body: any }): Promise<string> {
  expect(answer.status, JSON.stringify(answer.body)).toBe(202);
  const job = await ctx.api.waitForJob(answer.headers.get('location')!);
  expect(job.status, JSON.stringify(job.body)).toBe(302);
  return job.headers.get('etag')?.replace(/"/g, '') ?? (await ctx.api.get(job.headers.get('location')!)).body.versionTag;
}

/** Registers the platform's order under fresh ids, with its contact registered, and returns the ids. */
async function registerPlatformOrder(): Promise<{ orderId: string; contactId: string; body: Record<string, any> }> {
  const orderId = newOrderId('platform');
  const contactId = newOrderId('platform-contact');
  expect((await ctx.api.put(`/api/v3/contacts/${contactId}`, { email: `${contactId}@example.com` })).status).toBeLessThan(300);
  const body = { ...fixture('order.json'), orderId, contact: { matchKey: contactId, matchKeyType: 'ContactId' } };
  await accepted(await ctx.api.post('/api/v3/orders', body));
  return { orderId, contactId, body };
}

describe("the platform's public examples", () => {
  it('the order body (title, firstname, lastname, embedded action) is accepted and reads back in canonical form', async () => {
    const { orderId, body } = await registerPlatformOrder();
    const { status, body: order } = await ctx.api.get(`/api/v3/orders/${orderId}`);
    expect(status).toBe(200);
    const canonical = (address: Record<string, unknown>) => {
      const { firstname, lastname, ...rest } = address;
      return { ...rest, firstName: firstname, lastName: lastname };
    };
    expect(order.billingAddress).toStrictEqual(canonical(body['billingAddress']));
    expect(order.shippingAddress).toStrictEqual(canonical(body['shippingAddress']));
    expect(order.billingAddress).toMatchObject({ title: 'Mr', firstName: 'John', lastName: 'Doe' });
    expect(order).toMatchObject({
      orderId,
      status: 'InProgress',
      externalStatus: 'Received',
      currencyCode: 'SEK',
      totalPrice: 1647,
      references: ['platform-example-0999'],
      lineItems: body['lineItems'],
      payments: body['payments'],
      fees: body['fees'],
      delivery: body['delivery'],
    });
    expect(order).not.toHaveProperty('orderAction');
  });

  it('the status change (action data as a string) and the delivery change are accepted and read back', async () => {
    const { orderId } = await registerPlatformOrder();
    await accepted(await ctx.api.post(`/api/v3/orders/${orderId}/change-status`, fixture('status-change.json')));
    const delivery = fixture('delivery-change.json');
    await accepted(await ctx.api.post(`/api/v3/orders/${orderId}/change-delivery`, delivery));
    const { body: order } = await ctx.api.get(`/api/v3/orders/${orderId}`);
    expect(order).toMatchObject({ status: 'Completed', externalStatus: 'Delivered' });
    const { orderAction: _action, ...deliveryFields } = delivery;
    expect(order.delivery).toStrictEqual(deliveryFields);
  });

  it('the action bodies, with data as an object and as a string, are accepted on the current versionTag', async () => {
    const { orderId } = await registerPlatformOrder();
    for (const name of ['action-object-data.json', 'action-string-data.json']) {
      const versionTag = (await ctx.api.get(`/api/v3/orders/${orderId}`)).body.versionTag as string;
      const answer = await ctx.api.post(`/api/v3/orders/${orderId}/action`, { ...fixture(name), versionTag });
      expect(answer.status, `${name}: ${JSON.stringify(answer.body)}`).toBe(202);
      await ctx.api.waitForJob(answer.headers.get('location')!);
    }
    const history = (await ctx.api.get(`/api/v3/orders/${orderId}/history`)).body;
    const text = JSON.stringify(history);
    // the string data is kept as the object it holds
    expect(text).toContain('"data":{"carrier":"PostNord","parcels":2}');
    expect(text).toContain('"data":{"template":"review-request","delayDays":7}');
  });

  it('both spellings of one name in one address are a 400 at the alias; an unknown field is still refused', async () => {
    const body = { ...fixture('order.json'), orderId: newOrderId('platform-both') };
    const both = await ctx.api.post('/api/v3/orders', { ...body, billingAddress: { firstName: 'John', firstname: 'John' } });
    expect(both.status).toBe(400);
    expect(Object.keys(both.body.errors)).toEqual(['billingAddress.firstname']);
    const unknown = await ctx.api.post('/api/v3/orders', { ...body, billingAddress: { middlename: 'X' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toStrictEqual({ 'billingAddress.middlename': ['property middlename should not exist'] });
  });
});
