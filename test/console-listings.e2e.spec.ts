import { join } from 'node:path';
import { API_KEYS_FILE, type ApiKeyScope, SqliteApiKeyStore } from '@orders/api-keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, client, type JsonResponse } from './support/http';
import { minimalOrder, newOrderId } from './support/orders';
import { removeDataDir, type ServiceHandle, startService } from './support/service-process';

/** The console's listings (docs/api.md, "Console listings") on the embedded backend. */
let service: ServiceHandle;
let keys: SqliteApiKeyStore;
let api: Client;

beforeAll(async () => {
  service = await startService();
  api = client(service.url);
  keys = SqliteApiKeyStore.open(join(service.dataDir, API_KEYS_FILE));
});
afterAll(async () => {
  await keys?.close();
  await service?.stop();
  if (service) removeDataDir(service.dataDir);
});

const keyed = async (name: string, scopes: ApiKeyScope[]) => client(service.url, { apiKey: (await keys.create(name, scopes)).key });

/** Polls `path` until `done` holds (the read models follow the log asynchronously). */
async function eventually(path: string, done: (answer: JsonResponse) => boolean, timeoutMs = 10_000): Promise<JsonResponse> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const answer = await api.get(path);
    if (done(answer) || Date.now() > until) return answer;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function register(order: Record<string, unknown>): Promise<void> {
  const accepted = await api.post('/api/v3/orders', order);
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
  expect((await api.waitForJob(accepted.headers.get('location')!)).status).toBe(302);
}

const expectInvalid = (answer: JsonResponse, paths: string[]) => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(400);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(answer.body.code).toBe('VALIDATION_FAILED');
  expect(Object.keys(answer.body.errors).sort()).toEqual(paths);
};

const ids = (answer: JsonResponse, field: string) => answer.body.items.map((item: Record<string, string>) => item[field]);

describe('GET /api/v3/api-key', () => {
  it("answers any valid key's name, granted scopes and effective scopes; 401 without a key", async () => {
    expect((await api.get('/api/v3/api-key')).body).toEqual({
      name: 'admin',
      scopes: ['admin'],
      effectiveScopes: expect.arrayContaining(['orders:read', 'orders:write', 'segments', 'contacts', 'automations', 'admin']),
    });
    const writer = await keyed('shop', ['orders:write']);
    const answer = await writer.get('/api/v3/api-key');
    expect(answer.status).toBe(200);
    expect({ ...answer.body, effectiveScopes: [...answer.body.effectiveScopes].sort() }).toEqual({
      name: 'shop',
      scopes: ['orders:write'],
      effectiveScopes: ['orders:read', 'orders:write'],
    });
    expect((await client(service.url, { apiKey: null }).get('/api/v3/api-key')).status).toBe(401);
  });
});

describe('GET /api/v3/contacts', () => {
  beforeAll(async () => {
    for (const [id, body] of [
      ['lc-3', { email: 'Ada@Example.com', mobilePhone: '+46 70 123 45 67', firstName: 'Ada', socialSecurityNumber: '19121212-1212' }],
      ['lc-1', { email: 'bob@example.com', memberNumber: 'M-7' }],
      ['lc-2', { email: 'ada@example.com', externalId: 'crm-2' }],
    ] as const) {
      expect((await api.put(`/api/v3/contacts/${id}`, body)).status).toBe(201);
    }
    await eventually('/api/v3/contacts', (answer) => answer.body?.totalCount === 3);
  });

  it('pages the register by contactId with E1 links, without social security numbers', async () => {
    const first = await api.get('/api/v3/contacts?count=2');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      items: [
        { contactId: 'lc-1', email: 'bob@example.com', memberNumber: 'M-7' },
        { contactId: 'lc-2', email: 'ada@example.com', externalId: 'crm-2' },
      ],
      totalCount: 3,
      offset: 0,
      count: 2,
      links: [{ rel: 'next', href: '/api/v3/contacts?offset=2&count=2', method: 'GET' }],
    });
    const next = await api.get(first.body.links[0].href);
    expect(next.body.items).toEqual([{ contactId: 'lc-3', email: 'Ada@Example.com', mobilePhone: '+46701234567', firstName: 'Ada' }]);
    expect(next.body.links).toEqual([{ rel: 'previous', href: '/api/v3/contacts?offset=0&count=2', method: 'GET' }]);
    expect((await api.get('/api/v3/contacts')).body.count).toBe(10);
  });

  it('filters by e-mail (any case), phone (any way the register accepts it), member number and external id', async () => {
    const filtered = await api.get('/api/v3/contacts?email=ADA%40example.COM&count=1');
    expect(filtered.body).toMatchObject({ totalCount: 2, items: [{ contactId: 'lc-2' }] });
    expect(filtered.body.links).toEqual([
      { rel: 'next', href: '/api/v3/contacts?email=ADA%40example.COM&offset=1&count=1', method: 'GET' },
    ]);
    expect(ids(await api.get('/api/v3/contacts?mobilePhone=0046%2070-123%2045%2067'), 'contactId')).toEqual(['lc-3']);
    // an unencoded + arrives as a space: still the same phone
    expect(ids(await api.get('/api/v3/contacts?mobilePhone=+46701234567'), 'contactId')).toEqual(['lc-3']);
    expect(ids(await api.get('/api/v3/contacts?memberNumber=M-7'), 'contactId')).toEqual(['lc-1']);
    expect(ids(await api.get('/api/v3/contacts?externalId=crm-2&email=ada@example.com'), 'contactId')).toEqual(['lc-2']);
    expect((await api.get('/api/v3/contacts?externalId=crm-2&memberNumber=M-7')).body).toMatchObject({ totalCount: 0, items: [] });
  });

  it('400 with the failing paths for a bad phone, blank key, bad paging or an unknown parameter', async () => {
    expectInvalid(await api.get('/api/v3/contacts?mobilePhone=070-1234567'), ['mobilePhone']);
    expectInvalid(await api.get('/api/v3/contacts?email=%20%20'), ['email']);
    expectInvalid(await api.get('/api/v3/contacts?offset=-1&count=101'), ['count', 'offset']);
    expectInvalid(await api.get('/api/v3/contacts?email=a@b.c&email=d@e.f'), ['email']);
    expectInvalid(await api.get('/api/v3/contacts?name=Ada'), ['name']);
  });

  it('needs the contacts scope', async () => {
    const reader = await keyed('reader', ['orders:read']);
    const denied = await reader.get('/api/v3/contacts');
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('FORBIDDEN_SCOPE');
    expect((await (await keyed('crm', ['contacts'])).get('/api/v3/contacts')).status).toBe(200);
  });
});

describe('GET /api/v3/articles and /api/v3/stores', () => {
  beforeAll(async () => {
    expect((await api.put('/api/v3/articles/SHIRT-RED-M', { name: 'Red Shirt', attributes: { color: 'red' } })).status).toBe(201);
    expect((await api.put('/api/v3/articles/MUG-1', { name: 'Mug' })).status).toBe(201);
    expect((await api.put('/api/v3/articles/shirt-old', {})).status).toBe(201);
    expect((await api.put('/api/v3/stores/S-2', { name: 'Sthlm', country: 'se' })).status).toBe(201);
    expect((await api.put('/api/v3/stores/S-1', {})).status).toBe(201);
    await eventually('/api/v3/articles', (answer) => answer.body?.totalCount === 3);
    await eventually('/api/v3/stores', (answer) => answer.body?.totalCount === 2);
  });

  it('articles by sku; q matches sku or name case-insensitively and is kept in the links', async () => {
    const all = await api.get('/api/v3/articles');
    expect(all.body.items).toEqual([
      { sku: 'MUG-1', name: 'Mug', attributes: {} },
      { sku: 'SHIRT-RED-M', name: 'Red Shirt', attributes: { color: 'red' } },
      { sku: 'shirt-old', attributes: {} },
    ]);
    const shirts = await api.get('/api/v3/articles?q=Shirt&count=1');
    expect(shirts.body).toMatchObject({ totalCount: 2, items: [{ sku: 'SHIRT-RED-M' }] });
    expect(shirts.body.links).toEqual([{ rel: 'next', href: '/api/v3/articles?q=Shirt&offset=1&count=1', method: 'GET' }]);
    expect(ids(await api.get('/api/v3/articles?q=red%20s'), 'sku')).toEqual(['SHIRT-RED-M']);
    expect((await api.get('/api/v3/articles?q=%25')).body.totalCount).toBe(0);
    expectInvalid(await api.get('/api/v3/articles?q='), ['q']);
  });

  it('stores by externalStoreId, paged', async () => {
    expect((await api.get('/api/v3/stores?offset=1&count=1')).body).toEqual({
      items: [{ externalStoreId: 'S-2', name: 'Sthlm', country: 'SE' }],
      totalCount: 2,
      offset: 1,
      count: 1,
      links: [{ rel: 'previous', href: '/api/v3/stores?offset=0&count=1', method: 'GET' }],
    });
    expectInvalid(await api.get('/api/v3/stores?count=abc'), ['count']);
  });

  it('need orders:read, as GET /articles/{sku} and GET /stores/{id} do', async () => {
    const crm = await keyed('crm-only', ['contacts']);
    expect((await crm.get('/api/v3/articles')).status).toBe(403);
    expect((await crm.get('/api/v3/stores')).status).toBe(403);
    const reader = await keyed('reader-2', ['orders:read']);
    expect((await reader.get('/api/v3/articles')).status).toBe(200);
    expect((await reader.get('/api/v3/stores')).status).toBe(200);
  });
});

describe('GET /api/v3/recent-orders and /api/v3/contacts/{contactId}/order-summary', () => {
  const contactId = `sum-${Date.now().toString(36)}`;
  const [older, newer, deleted, returned] = [newOrderId('old'), newOrderId('new'), newOrderId('del'), newOrderId('ret')];
  beforeAll(async () => {
    // far in the future, so that these are the newest orders of the service
    await register(minimalOrder(older, contactId, { createdAt: '2099-01-01T10:00:00+02:00', totalPrice: 100.1, status: 'Completed' }));
    await register(minimalOrder(newer, contactId, { createdAt: '2099-01-01T09:00:00Z', currencyCode: 'EUR', totalPrice: 20 }));
    await register(minimalOrder(deleted, contactId, { createdAt: '2099-06-01T00:00:00Z', totalPrice: 5000 }));
    const returnLine = { type: 'Return', quantity: 1, article: { sku: 'SKU-1' }, totalPrice: 50.05, returnDetails: { type: 'Normal' } };
    await register(
      minimalOrder(returned, contactId, { createdAt: '2098-12-31T00:00:00Z', totalPrice: 50.05, lineItems: { items: [returnLine] } }),
    );
    const accepted = await api.delete(`/api/v3/orders/${deleted}`);
    expect(accepted.status).toBe(202);
    expect((await api.waitForJob(accepted.headers.get('location')!)).body.status).toBe('Completed');
  });

  it('recent orders: newest createdAt first, deleted orders excluded, in brief', async () => {
    const page = await api.get('/api/v3/recent-orders?count=2');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ totalCount: 3, offset: 0, count: 2 });
    expect(ids(page, 'orderId')).toEqual([newer, older]);
    expect(page.body.items[0]).toEqual({
      orderId: newer,
      contactId,
      status: 'InProgress',
      type: 'Purchase',
      createdAt: '2099-01-01T09:00:00Z',
      totalPrice: 20,
      currencyCode: 'EUR',
      lineCount: 1,
      versionTag: expect.stringMatching(/^0-/),
    });
    expect(page.body.links).toEqual([{ rel: 'next', href: '/api/v3/recent-orders?offset=2&count=2', method: 'GET' }]);
    const last = await api.get(page.body.links[0].href);
    expect(last.body.items).toEqual([expect.objectContaining({ orderId: returned, type: 'Return', status: 'InProgress' })]);
    expect(last.body.links).toEqual([{ rel: 'previous', href: '/api/v3/recent-orders?offset=0&count=2', method: 'GET' }]);
    expectInvalid(await api.get('/api/v3/recent-orders?offset=1.5'), ['offset']);
  });

  it("order summary: counts, completed, returns and totals per currency over the contact's non-deleted orders", async () => {
    expect((await api.get(`/api/v3/contacts/${contactId}/order-summary`)).body).toEqual({
      contactId,
      orderCount: 3,
      completedCount: 1,
      returnCount: 1,
      totals: [
        { currencyCode: 'EUR', totalPrice: 20 },
        { currencyCode: 'SEK', totalPrice: 150.15 },
      ],
    });
    expect((await api.get('/api/v3/contacts/nobody-at-all/order-summary')).body).toMatchObject({ orderCount: 0, totals: [] });
  });

  it('need orders:read', async () => {
    const crm = await keyed('crm-2', ['contacts']);
    expect((await crm.get('/api/v3/recent-orders')).status).toBe(403);
    expect((await crm.get(`/api/v3/contacts/${contactId}/order-summary`)).status).toBe(403);
    const reader = await keyed('reader-3', ['orders:read']);
    expect((await reader.get(`/api/v3/contacts/${contactId}/order-summary`)).status).toBe(200);
  });
});
