import { join } from 'node:path';
import { API_KEYS_FILE, SqliteApiKeyStore } from '@orders/api-keys';
import { orderStreamId } from '@orders/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEventFile } from './support/event-file';
import { type Client, client, type JsonResponse } from './support/http';
import { minimalOrder, newOrderId } from './support/orders';
import { newDataDir, removeDataDir, type ServiceHandle, startService } from './support/service-process';

let service: ServiceHandle;
let keys: SqliteApiKeyStore;
let admin: Client;
const dirs: string[] = [];

beforeAll(async () => {
  service = await startService();
  dirs.push(service.dataDir);
  admin = client(service.url);
  // the CLI's way: the key file under DATA_DIR, shared with the running service
  keys = SqliteApiKeyStore.open(join(service.dataDir, API_KEYS_FILE));
});

afterAll(async () => {
  await keys?.close();
  await service?.stop();
  dirs.forEach(removeDataDir);
});

const expectProblem = (answer: JsonResponse, status: number, code: string) => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(answer.body).toMatchObject({ status, code });
};

const keyed = async (name: string, scopes: Parameters<SqliteApiKeyStore['create']>[1]) =>
  client(service.url, { apiKey: (await keys.create(name, scopes)).key });

describe('API keys (SPEC §2, §7)', () => {
  it('401 UNAUTHORIZED without a key, with an unknown key and with a malformed one', async () => {
    const anonymous = client(service.url, { apiKey: null });
    const missing = await anonymous.get('/api/v3/orders?contactId=c-1');
    expectProblem(missing, 401, 'UNAUTHORIZED');
    expect(missing.headers.get('www-authenticate')).toMatch(/apikey/i);
    expectProblem(await anonymous.post('/api/v3/orders', minimalOrder()), 401, 'UNAUTHORIZED');
    expectProblem(
      await client(service.url, { apiKey: 'ok_not-a-real-key-at-all-000000' }).get('/api/v3/orders?contactId=c-1'),
      401,
      'UNAUTHORIZED',
    );
    expectProblem(await client(service.url, { apiKey: 'short' }).get('/api/v3/orders?contactId=c-1'), 401, 'UNAUTHORIZED');
  });

  it('accepts the key in `apikey` and in `x-api-key`', async () => {
    const { key } = await keys.create('alias-user', ['orders:read']);
    const anonymous = client(service.url, { apiKey: null });
    expect((await anonymous.get('/api/v3/orders?contactId=c-1', { apikey: key })).status).toBe(200);
    expect((await anonymous.get('/api/v3/orders?contactId=c-1', { 'x-api-key': key })).status).toBe(200);
  });

  it('403 FORBIDDEN_SCOPE without the scope; orders:write implies orders:read; admin implies all', async () => {
    const reader = await keyed('reader', ['orders:read']);
    const writer = await keyed('writer', ['orders:write']);
    const segments = await keyed('segmenter', ['segments']);
    const order = minimalOrder(newOrderId('scoped'), 'c-scoped');
    expectProblem(await reader.post('/api/v3/orders', order), 403, 'FORBIDDEN_SCOPE');
    const accepted = await writer.post('/api/v3/orders', order);
    expect(accepted.status).toBe(202);
    const job = await writer.waitForJob(accepted.headers.get('location')!);
    expect(job.status).toBe(302);
    expect((await writer.get(`/api/v3/orders/${order.orderId}`)).status).toBe(200);
    expect((await reader.get(`/api/v3/orders/${order.orderId}`)).status).toBe(200);
    expectProblem(await reader.post(`/api/v3/orders/${order.orderId}/change-status`, { status: 'Completed' }), 403, 'FORBIDDEN_SCOPE');
    expectProblem(await reader.delete(`/api/v3/orders/${order.orderId}`), 403, 'FORBIDDEN_SCOPE');
    expectProblem(await segments.get(`/api/v3/orders/${order.orderId}`), 403, 'FORBIDDEN_SCOPE');
    expectProblem(await segments.get(accepted.headers.get('location')!), 403, 'FORBIDDEN_SCOPE');
    expect((await admin.get(`/api/v3/orders/${order.orderId}`)).status).toBe(200);
  });

  it("records the key's name in the metadata of the events it causes", async () => {
    const shop = await keyed('webshop-1', ['orders:write']);
    const order = minimalOrder(newOrderId('named'), 'c-named');
    expect((await shop.post('/api/v3/orders', order)).status).toBe(202);
    expect((await admin.post(`/api/v3/orders/${order.orderId}/change-status`, { status: 'Completed' })).status).toBe(202);
    const events = readEventFile(service.dataDir, { streamId: orderStreamId(order.orderId) });
    expect(events.map((e) => e.metadata.apiKeyName)).toEqual(['webshop-1', 'admin']);
  });

  it('a revoked key stops working within one second (a valid key is looked up at most once a second)', async () => {
    const { key } = await keys.create('to-revoke', ['orders:read']);
    const api = client(service.url, { apiKey: key });
    expect((await api.get('/api/v3/orders?contactId=c-1')).status).toBe(200);
    await keys.revoke('to-revoke');
    // the cache's expiry is by the clock, not by load: 1.1 s after the revocation the store is asked again
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expectProblem(await api.get('/api/v3/orders?contactId=c-1'), 401, 'UNAUTHORIZED');
  });
});

describe('first start without ADMIN_API_KEY', () => {
  it('creates an admin key, prints it once, and is never open', async () => {
    const dataDir = newDataDir();
    dirs.push(dataDir);
    const first = await startService({ dataDir, env: { ADMIN_API_KEY: '' } });
    const printed = /^\s+(ok_[\w-]{43})$/m.exec(first.output())?.[1];
    try {
      expect(printed, first.output()).toBeDefined();
      expect((await client(first.url, { apiKey: null }).get('/api/v3/orders?contactId=c-1')).status).toBe(401);
      expect((await client(first.url, { apiKey: printed! }).get('/api/v3/orders?contactId=c-1')).status).toBe(200);
    } finally {
      await first.stop();
    }
    const second = await startService({ dataDir, env: { ADMIN_API_KEY: '' } });
    try {
      expect(second.output()).not.toContain(printed!);
      expect(second.output()).not.toMatch(/ok_[\w-]{43}/);
      expect((await client(second.url, { apiKey: printed! }).get('/api/v3/orders?contactId=c-1')).status).toBe(200);
    } finally {
      await second.stop();
    }
  });
});
