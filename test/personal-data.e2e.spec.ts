import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { API_KEYS_FILE, SqliteApiKeyStore } from '@orders/api-keys';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from './support/cli-run';
import { type Client, client } from './support/http';
import { minimalOrder, newOrderId } from './support/orders';
import { removeDataDir, type ServiceHandle, startService } from './support/service-process';

/**
 * Issue 16, "What must show": a contact and the orders that name them (by contact id, by e-mail, by a
 * phone typed differently, some before the contact existed); export; erase; then no read path shows a
 * personal field, the orders and segment counts remain, and no file under DATA_DIR holds the person's values.
 */
const run = `${process.pid}${Date.now().toString(36)}`;
const contactId = `pd-${run}`;
const channel = `pd-e2e-${run}`;
const digits = String(Date.now()).slice(-7);
const person = {
  email: `Grete.${run}@Example.com`,
  phone: `+46 (0)70-${digits.slice(0, 3)} ${digits.slice(3)}`,
  phoneAgain: `0046 70${digits}`,
  firstName: `Grete${run}`,
  lastName: `Garbo${run}`,
  street: `Raderagatan ${run}`,
  memberNumber: `M-${run}`,
};
/** every spelling of the person's values that could end up somewhere */
const values = [
  person.email,
  person.email.toLowerCase(),
  `+4670${digits}`,
  person.phone,
  person.phoneAgain,
  person.firstName,
  person.lastName,
  person.street,
  person.memberNumber,
];
const ENV = { AUTOMATION_ALLOW_LOCAL_NETWORK: 'true', LOG_LEVEL: 'info', AUTOMATION_RETRY_BASE_MS: '20' };

const address = { firstName: person.firstName, lastName: person.lastName, street: person.street, city: 'Lund', countryCode: 'SE' };
const line = (sku: string, totalPrice: number) => ({ quantity: 1, article: { sku }, totalPrice });
const order = (matchKeyType: string, matchKey: string, extra: Record<string, unknown> = {}) => ({
  ...minimalOrder(newOrderId('pd'), 'unused', { channel, totalPrice: 120, lineItems: { items: [line('PD-SKU-1', 120)] }, ...extra }),
  contact: { matchKeyType, matchKey },
});

let service: ServiceHandle;
let api: Client;
let receiver: Server;
const received: string[] = [];
const orders = {
  byEmail: order('Email', person.email, { billingAddress: { ...address, email: person.email, phone: person.phone } }),
  byPhone: order('MobilePhone', person.phone, { shippingAddress: address }),
  byId: order('ContactId', contactId, { shippingAddress: address }),
  byEmailLater: order('Email', person.email.toLowerCase()),
};
const other = order('Email', `someone-else-${run}@example.com`, { billingAddress: { firstName: 'Otto', countryCode: 'SE' } });
const firstTags: Record<string, string> = {};
let registeredAt = '';

async function settled(method: 'POST' | 'PUT', path: string, body: unknown) {
  const accepted = await api.call(method, path, body);
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
  const job = await api.waitForJob(accepted.headers.get('location')!);
  return job.body.versionTag as string;
}

const containsPersonalValue = (text: string): string | undefined => values.find((value) => text.includes(value));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const segmentCounts = async () => {
  const answer = await api.post('/api/v3/segments/query', { filter: { field: 'channel', op: 'eq', value: channel }, count: 10 });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return { orderCount: answer.body.orderCount, contactCount: answer.body.contactCount };
};

beforeAll(async () => {
  receiver = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => (received.push(raw), response.writeHead(204).end()));
  });
  await new Promise<void>((done) => receiver.listen(0, '127.0.0.1', done));
  service = await startService({ env: ENV });
  api = client(service.url);
  // before the contact exists: by e-mail (other casing) and by a phone typed one way
  firstTags.byEmail = await settled('POST', '/api/v3/orders', orders.byEmail);
  firstTags.byPhone = await settled('POST', '/api/v3/orders', orders.byPhone);
  registeredAt = new Date().toISOString();
  const saved = await api.put(`/api/v3/contacts/${contactId}`, {
    email: person.email,
    mobilePhone: person.phoneAgain,
    firstName: person.firstName,
    lastName: person.lastName,
    memberNumber: person.memberNumber,
  });
  expect(saved.status, JSON.stringify(saved.body)).toBe(201);
  // after: by contact id, and by e-mail again (then changed, for a history diff)
  firstTags.byId = await settled('POST', '/api/v3/orders', orders.byId);
  firstTags.byEmailLater = await settled('POST', '/api/v3/orders', orders.byEmailLater);
  await settled('POST', `/api/v3/orders/${orders.byEmailLater.orderId}/change-status`, { status: 'Completed' });
  await settled('POST', '/api/v3/orders', other);
  // a trigger about the person, delivered
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  expect((await api.post('/api/v3/automations/endpoints', { url, secret: 'receiver-secret-0123456789' })).status).toBe(201);
  await settled('POST', `/api/v3/orders/${orders.byId.orderId}/action`, { action: 'ConfirmOrder', versionTag: firstTags.byId });
  for (let i = 0; i < 200 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
  expect(received).toHaveLength(1);
  expect(containsPersonalValue(received[0]!)).toBeDefined(); // the trigger carried the person's data
});

afterAll(async () => {
  await service?.stop();
  if (service) removeDataDir(service.dataDir);
  receiver?.close();
});

describe('personal data: export, erase, and what is left', () => {
  const ids = () => Object.values(orders).map((o) => o.orderId);
  let countsBefore: { orderCount: number; contactCount: number };

  it('exports everything held about the person: the register entry, all four orders with history, warnings, the trigger', async () => {
    const answer = await api.get(`/api/v3/contacts/${contactId}/personal-data`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const document = answer.body;
    expect(document.erased).toBeNull();
    expect(document.contact).toMatchObject({ email: person.email, mobilePhone: `+4670${digits}`, firstName: person.firstName });
    expect(document.orders.map((o: { orderId: string }) => o.orderId).sort()).toEqual(ids().sort());
    const byEmail = document.orders.find((o: { orderId: string }) => o.orderId === orders.byEmail.orderId);
    expect(byEmail.order.billingAddress).toMatchObject({ email: person.email, firstName: person.firstName });
    expect(byEmail.history[0]).toMatchObject({ type: 'OrderRegistered' });
    expect(document.triggers).toEqual([
      expect.objectContaining({ orderId: orders.byId.orderId, action: 'ConfirmOrder', state: 'delivered' }),
    ]);
    expect(document.triggers[0].endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/hook$/);
    expect(JSON.stringify(document)).not.toContain(other.orderId);
    countsBefore = await segmentCounts();
    expect(countsBefore.orderCount).toBe(5);
    // the event store never holds them in plaintext, not even before the erasure
    for (const file of filesUnder(service.dataDir).filter((name) => name.includes('events.sqlite'))) {
      expect(containsPersonalValue(readFileSync(file).toString('latin1')), file).toBeUndefined();
    }
    // before the erasure the read models hold the person in plaintext (the byte search below can find them)
    expect(filesUnder(service.dataDir).some((file) => readFileSync(file).includes(person.firstName))).toBe(true);
  });

  it('needs the personal-data scope (or admin)', async () => {
    const keys = SqliteApiKeyStore.open(join(service.dataDir, API_KEYS_FILE));
    const shop = client(service.url, { apiKey: (await keys.create(`shop-${run}`, ['orders:write', 'contacts'])).key });
    const desk = client(service.url, { apiKey: (await keys.create(`desk-${run}`, ['personal-data'])).key });
    await keys.close();
    expect((await shop.post(`/api/v3/contacts/${contactId}/erase`, {})).body).toMatchObject({ code: 'FORBIDDEN_SCOPE' });
    expect((await shop.get(`/api/v3/contacts/${contactId}/personal-data`)).status).toBe(403);
    expect((await desk.get(`/api/v3/contacts/${contactId}/personal-data`)).status).toBe(200);
  });

  it('answers 404 for a contact id nothing is known of, and for the erasure of one never erased', async () => {
    expect((await api.get(`/api/v3/contacts/nobody-${run}/personal-data`)).body).toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    expect((await api.get(`/api/v3/contacts/${contactId}/erasure`)).status).toBe(404);
  });

  it('erases: 202 with a job that completes', async () => {
    const accepted = await api.post(`/api/v3/contacts/${contactId}/erase`, {});
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    expect(accepted.body).toMatchObject({ contactId, status: 'Pending', ordersErased: 4 });
    const job = await api.waitForJob(accepted.headers.get('location')!, 10_000);
    expect(job.body).toMatchObject({ contactId, status: 'Completed', apiKeyName: expect.any(String) });
  });

  it('no read path shows a personal field; the orders, their lines and totals stay', async () => {
    const answers: unknown[] = [];
    for (const placed of Object.values(orders)) {
      const current = await api.get(`/api/v3/orders/${placed.orderId}`);
      expect(current.status).toBe(200);
      expect(current.body).toMatchObject({ totalPrice: placed.totalPrice, lineItems: { items: [{ article: { sku: 'PD-SKU-1' } }] } });
      // linked to the erased contact by its id (a pseudonym), whatever key named the person
      expect(current.body.contact).toEqual({ matchKeyType: 'ContactId', matchKey: contactId });
      const history = await api.get(`/api/v3/orders/${placed.orderId}/history?count=100`);
      expect(history.body.items.at(-1)).toMatchObject({ type: 'OrderPersonalDataErased', apiKeyName: expect.any(String) });
      const warnings = await api.get(`/api/v3/orders/${placed.orderId}/warnings`);
      answers.push(current.body, history.body, warnings.body);
      answers.push((await api.get(`/api/v3/orders/${placed.orderId}?at=${encodeURIComponent(new Date().toISOString())}`)).body);
    }
    for (const [name, tag] of Object.entries(firstTags)) {
      const then = await api.get(`/api/v3/orders/${orders[name as keyof typeof orders].orderId}?versionTag=${tag}`);
      expect(then.status).toBe(200);
      answers.push(then.body);
    }
    const byEmail = await api.get(`/api/v3/orders/${orders.byEmail.orderId}?at=${encodeURIComponent(registeredAt)}`);
    expect(byEmail.body.billingAddress).toMatchObject({ email: '[erased]', firstName: '[erased]', countryCode: 'SE' });
    expect(byEmail.body.contact).toEqual({ matchKeyType: 'Email', matchKey: '[erased]' });
    answers.push((await api.get(`/api/v3/orders?contactId=${contactId}`)).body);
    answers.push((await api.post('/api/v3/segments/query', { filter: { field: 'channel', op: 'eq', value: channel }, count: 100 })).body);
    const exported = await api.get(`/api/v3/contacts/${contactId}/personal-data`);
    expect(exported.body.erased).toMatchObject({ erasedAt: expect.any(String) });
    expect(exported.body.contact).toBeNull();
    answers.push(exported.body);
    expect((await api.get(`/api/v3/contacts/${contactId}`)).status).toBe(404);
    const text = JSON.stringify(answers);
    expect(containsPersonalValue(text)).toBeUndefined();
    expect(text).toContain('[erased]');
    // orders are still counted in segments, and still per contact
    expect(await segmentCounts()).toEqual(countsBefore);
    expect((await api.get(`/api/v3/orders?contactId=${contactId}`)).body.totalCount).toBe(Object.keys(orders).length);
    // somebody else's order is untouched
    expect((await api.get(`/api/v3/orders/${other.orderId}`)).body.billingAddress).toEqual({ firstName: 'Otto', countryCode: 'SE' });
  });

  it('a rebuild of the read models from the log gives the same answers', async () => {
    const before = await Promise.all(ids().map((id) => api.get(`/api/v3/orders/${id}`)));
    const rebuilt = await runCliInProcess({ DATA_DIR: service.dataDir }, 'projections', 'rebuild', '--no-progress');
    expect(rebuilt.code, rebuilt.err).toBe(0);
    const after = await Promise.all(ids().map((id) => api.get(`/api/v3/orders/${id}`)));
    expect(after.map((a) => a.body)).toEqual(before.map((b) => b.body));
  });

  it('no file under DATA_DIR holds a value of the person once the service has stopped; logs neither', async () => {
    expect(await service.stop()).toBe(0);
    const files = filesUnder(service.dataDir);
    expect(files.some((file) => file.endsWith('events.sqlite'))).toBe(true);
    // the search finds what is there (a SKU is not personal data)
    expect(files.some((file) => readFileSync(file).includes('PD-SKU-1'))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const value of values) expect(bytes.includes(value), `${value} in ${file}`).toBe(false);
    }
    expect(containsPersonalValue(service.output())).toBeUndefined();
  });

  it('the person may come back: a new order with the same e-mail is readable (a new data subject), the erased ones stay erased', async () => {
    service = await startService({ dataDir: service.dataDir, env: ENV });
    api = client(service.url);
    const again = order('Email', person.email);
    await settled('POST', '/api/v3/orders', again);
    expect((await api.get(`/api/v3/orders/${again.orderId}`)).body.contact.matchKey).toBe(person.email);
    const erased = await api.get(`/api/v3/orders/${orders.byEmail.orderId}`);
    expect(erased.body.contact).toEqual({ matchKeyType: 'ContactId', matchKey: contactId });
    expect(erased.body.billingAddress).toMatchObject({ email: '[erased]', firstName: '[erased]' });
  });
});
