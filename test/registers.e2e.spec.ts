import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type Client } from './support/http';
import { minimalOrder, newOrderId } from './support/orders';
import { removeDataDir, type ServiceHandle, startService } from './support/service-process';

let service: ServiceHandle;
let api: Client;

beforeAll(async () => {
  service = await startService();
  api = client(service.url);
});
afterAll(async () => {
  await service?.stop();
  if (service) removeDataDir(service.dataDir);
});

/** Polls `read` until `done` holds (the read models follow the log asynchronously); returns the last value. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function register(order: Record<string, unknown>): Promise<void> {
  const accepted = await api.post('/api/v3/orders', order);
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
  expect((await api.waitForJob(accepted.headers.get('location')!)).status).toBe(302);
}

const listing = (contactId: string) => api.get(`/api/v3/orders?contactId=${encodeURIComponent(contactId)}&count=100`);
const listedIds = async (contactId: string): Promise<string[]> =>
  (await listing(contactId)).body.items.map((o: { orderId: string }) => o.orderId);
const warningCodes = async (orderId: string): Promise<string[]> =>
  (await api.get(`/api/v3/orders/${orderId}/warnings`)).body.items.map((w: { code: string }) => w.code);
const unique = (prefix: string) => newOrderId(prefix);

describe('contact register', () => {
  it('PUT creates (201) and replaces (200) a contact, GET reads it, DELETE removes it (204, then 404)', async () => {
    const id = unique('contact');
    const created = await api.put(`/api/v3/contacts/${id}`, {
      email: ' Ada@Example.com ',
      mobilePhone: '+46 (70) 123-45-67',
      firstName: 'Ada',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ contactId: id, email: 'Ada@Example.com', mobilePhone: '+46701234567', firstName: 'Ada' });
    expect((await api.put(`/api/v3/contacts/${id}`, { email: 'ada@example.com' })).status).toBe(200);
    expect((await api.get(`/api/v3/contacts/${id}`)).body).toEqual({ contactId: id, email: 'ada@example.com' });
    expect((await api.delete(`/api/v3/contacts/${id}`)).status).toBe(204);
    expect((await api.get(`/api/v3/contacts/${id}`)).body.code).toBe('CONTACT_NOT_FOUND');
    expect((await api.delete(`/api/v3/contacts/${id}`)).status).toBe(404);
  });

  it('rejects a phone without country code, a bad e-mail and unknown fields with field paths', async () => {
    const answer = await api.put(`/api/v3/contacts/${unique('bad')}`, { email: 'not-an-address', mobilePhone: '070-123 45 67' });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.errors).sort()).toEqual(['email', 'mobilePhone']);
    expect((await api.put(`/api/v3/contacts/${unique('bad')}`, { shoeSize: 42 })).status).toBe(400);
  });

  it('links an order registered before its contact (e-mail compared case-insensitively), without re-sending it', async () => {
    const contactId = unique('c-mail');
    const email = `${contactId}@Example.COM`;
    const order = minimalOrder(newOrderId(), email, { contact: { matchKey: email, matchKeyType: 'Email' } });
    await register(order);
    expect(await warningCodes(order.orderId)).toContain('CONTACT_MISSING');
    expect(await listedIds(contactId)).toEqual([]);

    expect((await api.put(`/api/v3/contacts/${contactId}`, { email: email.toLowerCase() })).status).toBe(201);
    expect(
      await eventually(
        () => listedIds(contactId),
        (ids) => ids.length === 1,
      ),
    ).toEqual([order.orderId]);
    expect(await warningCodes(order.orderId)).not.toContain('CONTACT_MISSING');
    expect((await api.get(`/api/v3/orders/${order.orderId}?contactId=${contactId}`)).status).toBe(200);
  });

  it('resolves an order registered after its contact; phone numbers are compared in E.164', async () => {
    const contactId = unique('c-phone');
    const digits = String(Date.now()).slice(-8);
    expect((await api.put(`/api/v3/contacts/${contactId}`, { mobilePhone: `+4670${digits}` })).status).toBe(201);
    const order = minimalOrder(newOrderId(), 'x', {
      contact: { matchKey: `0046 70-${digits.slice(0, 4)} ${digits.slice(4)}`, matchKeyType: 'MobilePhone' },
    });
    // the job completes once every read model has the order, the contact event came before it in the log
    await register(order);
    expect(await listedIds(contactId)).toEqual([order.orderId]);
    expect(await warningCodes(order.orderId)).not.toContain('CONTACT_MISSING');
  });

  it('deleting a contact unlinks its orders: they stay readable, listed under no contact, warned again', async () => {
    const contactId = unique('c-del');
    const member = `M-${contactId}`;
    await api.put(`/api/v3/contacts/${contactId}`, { memberNumber: member });
    const order = minimalOrder(newOrderId(), member, { contact: { matchKey: member, matchKeyType: 'MemberNumber' } });
    await register(order);
    expect(await listedIds(contactId)).toEqual([order.orderId]);

    expect((await api.delete(`/api/v3/contacts/${contactId}`)).status).toBe(204);
    expect(
      await eventually(
        () => listedIds(contactId),
        (ids) => ids.length === 0,
      ),
    ).toEqual([]);
    expect((await api.get(`/api/v3/orders/${order.orderId}`)).status).toBe(200);
    expect(await warningCodes(order.orderId)).toContain('CONTACT_MISSING');
  });

  it('a ContactId key maps directly, registered or not, and is never "contact is missing"', async () => {
    const order = minimalOrder(newOrderId(), unique('c-direct'));
    await register(order);
    expect(await listedIds(order.contact.matchKey)).toEqual([order.orderId]);
    expect(await warningCodes(order.orderId)).not.toContain('CONTACT_MISSING');
  });
});

describe('article and store registers', () => {
  it('warn per unknown SKU and unknown store, and clear when they are registered later', async () => {
    const sku = unique('SKU');
    const store = unique('store');
    const order = minimalOrder(newOrderId(), unique('c-ref'), {
      externalStoreId: store,
      lineItems: {
        items: [
          { quantity: 1, article: { sku }, totalPrice: 50 },
          { quantity: 1, article: { sku }, totalPrice: 50 },
        ],
      },
    });
    await register(order);
    const before = (await api.get(`/api/v3/orders/${order.orderId}/warnings`)).body.items;
    expect(before.map((w: { code: string }) => w.code)).toEqual(['STORE_MISSING', 'ARTICLE_MISSING']);
    expect(before[1].details).toEqual({ sku });

    const article = await api.put(`/api/v3/articles/${sku}`, { name: 'Shirt', attributes: { brand: 'Acme', size: 'M', organic: true } });
    expect(article.status).toBe(201);
    expect((await api.get(`/api/v3/articles/${sku}`)).body).toEqual({
      sku,
      name: 'Shirt',
      attributes: { brand: 'Acme', size: 'M', organic: true },
    });
    expect((await api.put(`/api/v3/stores/${store}`, { name: 'City', country: 'se' })).body).toEqual({
      externalStoreId: store,
      name: 'City',
      country: 'SE',
    });
    expect((await api.get(`/api/v3/stores/${store}`)).status).toBe(200);
    expect(
      await eventually(
        () => warningCodes(order.orderId),
        (codes) => codes.length === 0,
      ),
    ).toEqual([]);
  });

  it('rejects bad article attributes and country codes; unknown entries are 404', async () => {
    const bad = await api.put(`/api/v3/articles/${unique('SKU')}`, { attributes: { 'bad name': 'x', colour: { nested: true } } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.errors).sort()).toEqual(['attributes.bad name', 'attributes.colour']);
    expect((await api.put(`/api/v3/stores/${unique('s')}`, { country: 'XX' })).status).toBe(400);
    expect((await api.get(`/api/v3/articles/${unique('none')}`)).body.code).toBe('ARTICLE_NOT_FOUND');
    expect((await api.get(`/api/v3/stores/${unique('none')}`)).body.code).toBe('STORE_NOT_FOUND');
  });
});

describe('replay', () => {
  it('rebuilding the read models from the log gives the same links and warnings', async () => {
    const contactId = unique('c-replay');
    const email = `${contactId}@example.com`;
    const early = minimalOrder(newOrderId('early'), email, { contact: { matchKey: email, matchKeyType: 'Email' } });
    await register(early);
    await api.put(`/api/v3/contacts/${contactId}`, { email });
    const late = minimalOrder(newOrderId('late'), email, { contact: { matchKey: email.toUpperCase(), matchKeyType: 'Email' } });
    await register(late);
    const orphan = minimalOrder(newOrderId('orphan'), 'x', { contact: { matchKey: `nobody-${contactId}`, matchKeyType: 'ExternalId' } });
    await register(orphan);
    const listedBefore = (await listedIds(contactId)).sort();
    expect(listedBefore).toEqual([early.orderId, late.orderId].sort());

    await service.stop();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(service.dataDir, `read-models.sqlite${suffix}`), { force: true });
    service = await startService({ dataDir: service.dataDir });
    api = client(service.url);
    expect(
      (
        await eventually(
          () => listedIds(contactId),
          (ids) => ids.length === 2,
        )
      ).sort(),
    ).toEqual(listedBefore);
    expect(
      await eventually(
        () => warningCodes(orphan.orderId),
        (codes) => codes.length > 0,
      ),
    ).toContain('CONTACT_MISSING');
  });
});
