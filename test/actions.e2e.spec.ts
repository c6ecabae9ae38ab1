import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type Client } from './support/http';
import { minimalOrder, newOrderId } from './support/orders';
import { newDataDir, removeDataDir, type ServiceHandle, startService } from './support/service-process';

/** Fast, bounded retries for the tests (README: AUTOMATION_* variables); the receivers are on 127.0.0.1, which the target policy refuses by default. */
const FAST_RETRIES = {
  AUTOMATION_ALLOW_LOCAL_NETWORK: 'true',
  AUTOMATION_RETRY_BASE_MS: '50',
  AUTOMATION_RETRY_MAX_MS: '200',
  AUTOMATION_MAX_ATTEMPTS: '1000',
  AUTOMATION_TIMEOUT_MS: '2000',
};
const SECRET = 'receiver-secret-0123456789';

interface Received {
  headers: IncomingHttpHeaders;
  raw: string;
  body: any;
  /** the status the receiver answered */
  status: number;
}

/** A local automation endpoint on 127.0.0.1: records every POST; `failFor` decides which to answer with 503. */
class Receiver {
  readonly received: Received[] = [];
  failFor: (body: any) => boolean = () => false;
  private server!: Server;
  port = 0;

  async start(port = 0): Promise<this> {
    this.server = createServer((request, response) => {
      let raw = '';
      request.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      request.on('end', () => {
        const body = JSON.parse(raw);
        const status = this.failFor(body) ? 503 : 204;
        this.received.push({ headers: request.headers, raw, body, status });
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((done) => this.server.listen(port, '127.0.0.1', done));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  /** successful deliveries, in arrival order */
  delivered(filter: (body: any) => boolean = () => true): Received[] {
    return this.received.filter((r) => r.status < 300 && filter(r.body));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((done) => this.server.close(() => done()));
  }
}

async function eventually<T>(read: () => T | Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** automation_deliveries_total{outcome="failed"} of the service's Prometheus metrics */
async function failedAttempts(api: Client): Promise<number> {
  const text = String((await api.get('/metrics')).body);
  return Number(/automation_deliveries_total\{outcome="failed"\} (\d+)/.exec(text)?.[1] ?? 0);
}

const signatureOf = (raw: string, secret = SECRET): string => `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;

async function registerOrder(api: Client, order: Record<string, unknown>): Promise<string> {
  const accepted = await api.post('/api/v3/orders', order);
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
  const done = await api.waitForJob(accepted.headers.get('location')!);
  expect(done.status).toBe(302);
  return done.body.versionTag as string;
}

async function addEndpoint(api: Client, url: string, actions?: string[]): Promise<string> {
  const created = await api.post('/api/v3/automations/endpoints', { url, secret: SECRET, ...(actions ? { actions } : {}) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect(created.headers.get('location')).toBe(`/api/v3/automations/endpoints/${created.body.id}`);
  return created.body.id as string;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('E7 action and its trigger', () => {
  let service: ServiceHandle;
  let api: Client;
  let receiver: Receiver;
  let endpointId: string;

  beforeAll(async () => {
    receiver = await new Receiver().start();
    service = await startService({ env: FAST_RETRIES });
    api = client(service.url);
    cleanups.push(
      () => receiver.stop(),
      async () => void (await service.stop()),
      () => removeDataDir(service.dataDir),
    );
    endpointId = await addEndpoint(api, receiver.url);
  });

  it('answers 400 for a bad body, 404 for an unknown order or a stale versionTag, 422 without a contact', async () => {
    const order = minimalOrder(newOrderId('act'), 'c-act');
    const tag = await registerOrder(api, order);
    const path = `/api/v3/orders/${order.orderId}/action`;
    expect((await api.post(path, { action: 'SendFlowers', versionTag: tag })).status).toBe(400);
    expect((await api.post(path, { action: 'ConfirmOrder' })).body.errors).toHaveProperty('versionTag');
    expect((await api.post(path, { action: 'ConfirmOrder', versionTag: tag, extra: 1 })).status).toBe(400);
    expect((await api.post(`/api/v3/orders/${newOrderId('none')}/action`, { action: 'ConfirmOrder', versionTag: tag })).body.code).toBe(
      'ORDER_NOT_FOUND',
    );

    await api.post(`/api/v3/orders/${order.orderId}/change-status`, { status: 'Completed' });
    const stale = await api.post(path, { action: 'ConfirmOrder', versionTag: tag });
    expect(stale.status).toBe(404);
    expect(stale.body.code).toBe('VERSION_TAG_MISMATCH');

    const orphan = minimalOrder(newOrderId('orphan'), 'x', {
      contact: { matchKey: `${newOrderId('nobody')}@example.com`, matchKeyType: 'Email' },
    });
    const orphanTag = await registerOrder(api, orphan);
    const noContact = await api.post(`/api/v3/orders/${orphan.orderId}/action`, { action: 'ConfirmOrder', versionTag: orphanTag });
    expect(noContact.status).toBe(422);
    expect(noContact.body.code).toBe('ORDER_HAS_NO_CONTACT');
  });

  it('delivers exactly one signed trigger with the order as it was at the versionTag, even when replaced right after', async () => {
    const contactId = newOrderId('c-trig');
    await api.put(`/api/v3/contacts/${contactId}`, { email: `${contactId}@example.com`, firstName: 'Ada' });
    const order = minimalOrder(newOrderId('trig'), 'x', { contact: { matchKey: `${contactId}@EXAMPLE.com`, matchKeyType: 'Email' } });
    const tag = await registerOrder(api, order);
    await eventually(
      () => api.get(`/api/v3/orders?contactId=${contactId}`),
      (r) => r.body.totalCount === 1,
      'the contact link',
    );

    const action = await api.post(`/api/v3/orders/${order.orderId}/action`, {
      action: 'confirm order',
      versionTag: tag,
      language: 'sv-SE',
      data: { campaign: 'spring' },
    });
    expect(action.status, JSON.stringify(action.body)).toBe(202);
    const replaced = await api.put(`/api/v3/orders/${order.orderId}`, {
      ...order,
      totalPrice: 999,
      lineItems: { items: [{ quantity: 9, article: { sku: 'SKU-9' }, totalPrice: 999 }] },
    });
    expect(replaced.status).toBe(202);
    const newTag = (await api.waitForJob(replaced.headers.get('location')!)).body.versionTag;
    // a second action afterwards: once it has arrived, the first one (same lane, in order) is settled
    expect((await api.post(`/api/v3/orders/${order.orderId}/action`, { action: 'Custom', versionTag: newTag })).status).toBe(202);
    const mine = (body: any) => body.orderId === order.orderId;
    await eventually(
      () => receiver.delivered(mine),
      (list) => list.some((r) => r.body.action === 'Custom'),
      'the second trigger',
    );

    const triggers = receiver.delivered(mine);
    expect(triggers.map((r) => r.body.action)).toEqual(['ConfirmOrder', 'Custom']);
    const [first, second] = triggers as [Received, Received];
    expect(first.headers['x-signature']).toBe(signatureOf(first.raw));
    expect(first.headers['x-delivery-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers['x-delivery-id']).not.toBe(first.headers['x-delivery-id']);
    expect(first.body).toMatchObject({
      action: 'ConfirmOrder',
      language: 'sv-SE',
      data: { campaign: 'spring' },
      orderId: order.orderId,
      versionTag: tag,
      contact: { contactId, email: `${contactId}@example.com`, firstName: 'Ada' },
      order: { orderId: order.orderId, totalPrice: 100, versionTag: tag, lineItems: { items: [{ article: { sku: 'SKU-1' } }] } },
    });
    expect(second.body.order).toMatchObject({ totalPrice: 999, versionTag: newTag });
  });

  it('an Idempotency-Key retry of an action returns the original job and triggers once; the key with another body is 422', async () => {
    const order = minimalOrder(newOrderId('idem'), newOrderId('c-idem'));
    const tag = await registerOrder(api, order);
    const path = `/api/v3/orders/${order.orderId}/action`;
    const headers = { 'idempotency-key': `key-${order.orderId}` };
    const first = await api.post(path, { action: 'ConfirmDelivery', versionTag: tag }, headers);
    const retry = await api.post(path, { action: 'ConfirmDelivery', versionTag: tag }, headers);
    expect([first.status, retry.status]).toEqual([202, 202]);
    expect(retry.body.jobId).toBe(first.body.jobId);
    expect((await api.post(path, { action: 'Custom', versionTag: tag }, headers)).body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await api.post(path, { action: 'Custom', versionTag: tag })).status).toBe(202);
    const mine = (body: any) => body.orderId === order.orderId;
    await eventually(
      () => receiver.delivered(mine),
      (list) => list.some((r) => r.body.action === 'Custom'),
      'the marker',
    );
    expect(receiver.delivered(mine).map((r) => r.body.action)).toEqual(['ConfirmDelivery', 'Custom']);
  });

  it('delivers an embedded orderAction once per change, each with the version its change produced', async () => {
    const order = { ...minimalOrder(newOrderId('emb'), newOrderId('c-emb')), orderAction: { action: 'ConfirmOrder' } };
    const firstTag = await registerOrder(api, order);
    const changed = await api.post(`/api/v3/orders/${order.orderId}/change-status`, {
      status: 'Completed',
      orderAction: { action: 'ConfirmCompletion' },
    });
    const secondTag = (await api.waitForJob(changed.headers.get('location')!)).body.versionTag;
    const mine = (body: any) => body.orderId === order.orderId;
    await eventually(
      () => receiver.delivered(mine),
      (list) => list.length >= 2,
      'two triggers',
    );
    // a later marker trigger settles the lane: nothing before it is delivered again
    expect((await api.post(`/api/v3/orders/${order.orderId}/action`, { action: 'Custom', versionTag: secondTag })).status).toBe(202);
    await eventually(
      () => receiver.delivered(mine),
      (list) => list.some((r) => r.body.action === 'Custom'),
      'the marker',
    );
    const triggers = receiver.delivered(mine).map((r) => [r.body.action, r.body.versionTag, r.body.order.status]);
    expect(triggers).toEqual([
      ['ConfirmOrder', firstTag, 'InProgress'],
      ['ConfirmCompletion', secondTag, 'Completed'],
      ['Custom', secondTag, 'Completed'],
    ]);
  });

  it('a failing trigger holds back later triggers of its order for that endpoint, not other orders; then all arrive in order', async () => {
    const blocked = minimalOrder(newOrderId('blocked'), newOrderId('c-b'));
    const other = minimalOrder(newOrderId('other'), newOrderId('c-o'));
    const blockedTag = await registerOrder(api, blocked);
    const otherTag = await registerOrder(api, other);
    receiver.failFor = (body) => body.orderId === blocked.orderId;
    try {
      await api.post(`/api/v3/orders/${blocked.orderId}/action`, { action: 'ConfirmOrder', versionTag: blockedTag });
      await api.post(`/api/v3/orders/${blocked.orderId}/action`, { action: 'ConfirmShipment', versionTag: blockedTag });
      await api.post(`/api/v3/orders/${other.orderId}/action`, { action: 'ConfirmOrder', versionTag: otherTag });
      await eventually(
        () => receiver.delivered((b) => b.orderId === other.orderId),
        (list) => list.length === 1,
        'the other order',
      );
      const failures = await eventually(
        () => receiver.received.filter((r) => r.body.orderId === blocked.orderId),
        (list) => list.length >= 3,
        'retries of the failing trigger',
      );
      // only the first trigger of the blocked order was tried, always with the same delivery id
      expect(new Set(failures.map((r) => r.body.action))).toEqual(new Set(['ConfirmOrder']));
      expect(new Set(failures.map((r) => r.headers['x-delivery-id'])).size).toBe(1);
    } finally {
      receiver.failFor = () => false;
    }
    const arrived = await eventually(
      () => receiver.delivered((b) => b.orderId === blocked.orderId),
      (list) => list.length === 2,
      'the held-back triggers',
    );
    expect(arrived.map((r) => r.body.action)).toEqual(['ConfirmOrder', 'ConfirmShipment']);
  });

  it('manages endpoints: secrets are never shown, actions filter, bad bodies are 400, unknown ids 404', async () => {
    const filtered = await new Receiver().start();
    cleanups.push(() => filtered.stop());
    const id = await addEndpoint(api, filtered.url, ['confirm delivery']);
    const shown = await api.get(`/api/v3/automations/endpoints/${id}`);
    expect(shown.body).toEqual({ id, url: filtered.url, actions: ['ConfirmDelivery'], createdAt: expect.any(String) });
    const list = (await api.get('/api/v3/automations/endpoints')).body;
    expect(list).toMatchObject({ totalCount: 2, offset: 0, count: 10, links: [] });
    expect(list.items.map((e: { id: string }) => e.id)).toEqual([endpointId, id]);
    expect(list.items[0]).not.toHaveProperty('actions'); // no filter: every action
    expect((await api.get('/api/v3/automations/endpoints?offset=1&count=1')).body).toMatchObject({
      items: [{ id }],
      totalCount: 2,
      links: [{ rel: 'previous', href: '/api/v3/automations/endpoints?offset=0&count=1', method: 'GET' }],
    });
    expect(JSON.stringify((await api.get('/api/v3/automations/endpoints')).body)).not.toContain(SECRET);

    const order = minimalOrder(newOrderId('filter'), newOrderId('c-f'));
    const tag = await registerOrder(api, order);
    await api.post(`/api/v3/orders/${order.orderId}/action`, { action: 'ConfirmOrder', versionTag: tag });
    await api.post(`/api/v3/orders/${order.orderId}/action`, { action: 'ConfirmDelivery', versionTag: tag });
    await eventually(
      () => filtered.delivered(),
      (list) => list.length === 1,
      'the filtered trigger',
    );
    await eventually(
      () => receiver.delivered((b) => b.orderId === order.orderId),
      (list) => list.length === 2,
      'both triggers at the catch-all endpoint',
    );
    expect(filtered.delivered().map((r) => r.body.action)).toEqual(['ConfirmDelivery']);

    expect((await api.post('/api/v3/automations/endpoints', { url: 'ftp://x', secret: SECRET })).status).toBe(400);
    expect((await api.post('/api/v3/automations/endpoints', { url: filtered.url, secret: 'short' })).status).toBe(400);
    expect((await api.post('/api/v3/automations/endpoints', { url: filtered.url, secret: SECRET, actions: ['Nope'] })).status).toBe(400);
    expect((await api.post('/api/v3/automations/endpoints', { url: filtered.url, secret: SECRET, actions: [] })).status).toBe(400);
    expect((await api.delete(`/api/v3/automations/endpoints/${id}`)).status).toBe(204);
    expect((await api.get(`/api/v3/automations/endpoints/${id}`)).status).toBe(404);
    expect((await api.post(`/api/v3/automations/dead-letters/${id}/retry`, {})).status).toBe(404);
  });
});

describe('delivery survives outages and crashes', () => {
  it('receiver down, service killed with SIGKILL mid-retry and restarted: the trigger still arrives, with the same delivery id', async () => {
    const receiver = await new Receiver().start();
    const dataDir = newDataDir();
    cleanups.push(
      () => receiver.stop(),
      () => removeDataDir(dataDir),
    );
    let service = await startService({ dataDir, env: FAST_RETRIES });
    let api = client(service.url);
    await addEndpoint(api, receiver.url);
    const order = minimalOrder(newOrderId('kill'), newOrderId('c-kill'));
    const tag = await registerOrder(api, order);
    receiver.failFor = () => true;
    expect((await api.post(`/api/v3/orders/${order.orderId}/action`, { action: 'ConfirmShipment', versionTag: tag })).status).toBe(202);
    const failed = await eventually(
      () => receiver.received,
      (list) => list.length >= 2,
      'failed attempts',
    );
    await service.kill();

    receiver.failFor = () => false;
    service = await startService({ dataDir, env: FAST_RETRIES });
    api = client(service.url);
    cleanups.push(async () => void (await service.stop()));
    const arrived = await eventually(
      () => receiver.delivered(),
      (list) => list.length === 1,
      'the trigger after the restart',
    );
    expect(arrived[0]!.headers['x-delivery-id']).toBe(failed[0]!.headers['x-delivery-id']);
    expect(arrived[0]!.body).toMatchObject({ action: 'ConfirmShipment', versionTag: tag, orderId: order.orderId });
    expect(arrived[0]!.headers['x-signature']).toBe(signatureOf(arrived[0]!.raw));

    // nothing is lost or doubled: a later trigger of the same order arrives next, once
    const second = await api.post(`/api/v3/orders/${order.orderId}/action`, { action: 'ConfirmDelivery', versionTag: tag });
    expect(second.status).toBe(202);
    const all = await eventually(
      () => receiver.delivered(),
      (list) => list.length >= 2,
      'the next trigger',
    );
    expect(all.map((r) => r.body.action)).toEqual(['ConfirmShipment', 'ConfirmDelivery']);
  });

  it('the receiver closed for a while: retries with back-off until it listens again', async () => {
    const receiver = await new Receiver().start();
    const port = receiver.port;
    const service = await startService({ env: FAST_RETRIES });
    const api = client(service.url);
    cleanups.push(
      async () => void (await service.stop()),
      () => removeDataDir(service.dataDir),
    );
    await addEndpoint(api, receiver.url);
    await receiver.stop();
    const order = minimalOrder(newOrderId('down'), newOrderId('c-down'));
    const tag = await registerOrder(api, order);
    await api.post(`/api/v3/orders/${order.orderId}/action`, { action: 'ConfirmOrder', versionTag: tag });
    // the dispatcher has the trigger and keeps failing to connect (counted in /metrics); it is not dead-lettered
    await eventually(
      () => failedAttempts(api),
      (n) => n >= 3,
      'failed connection attempts',
    );
    expect((await api.get('/api/v3/automations/dead-letters')).body.totalCount).toBe(0);
    // the retrying delivery is visible, with its attempts, a short reason and the next attempt
    const retrying = (await api.get(`/api/v3/automations/deliveries?state=retrying&orderId=${order.orderId}`)).body;
    expect(retrying).toMatchObject({ totalCount: 1, offset: 0, count: 10, links: [] });
    expect(retrying.items[0]).toMatchObject({
      orderId: order.orderId,
      action: 'ConfirmOrder',
      versionTag: tag,
      state: 'retrying',
      lastError: 'connection refused',
      nextAttemptAt: expect.any(String),
      deliveredAt: null,
    });
    expect(retrying.items[0].attempts).toBeGreaterThanOrEqual(1);
    const failureLine = await eventually(
      () =>
        service
          .output()
          .split('\n')
          .find((line) => line.includes('"automation delivery failed"')),
      (line) => line !== undefined,
      'a failed-attempt log line',
    );
    expect(JSON.parse(failureLine!)).toMatchObject({ orderId: order.orderId, attempt: 1, reason: 'connection refused' });
    expect(service.output()).not.toContain('ECONNREFUSED');
    const back = await new Receiver().start(port);
    cleanups.push(() => back.stop());
    const arrived = await eventually(
      () => back.delivered(),
      (list) => list.length === 1,
      'the trigger once the receiver is back',
    );
    expect(arrived[0]!.body).toMatchObject({ orderId: order.orderId, action: 'ConfirmOrder' });
    const delivered = await eventually(
      async () => (await api.get(`/api/v3/automations/deliveries?state=delivered&orderId=${order.orderId}`)).body,
      (b) => b.totalCount === 1,
      'the delivered state',
    );
    expect(delivered.items[0]).toMatchObject({ state: 'delivered', lastError: null, nextAttemptAt: null, deliveredAt: expect.any(String) });
  });

  it('exhausted retries go to the dead letters; a retry re-drives the same delivery', async () => {
    const receiver = await new Receiver().start();
    const service = await startService({ env: { ...FAST_RETRIES, AUTOMATION_MAX_ATTEMPTS: '2' } });
    const api = client(service.url);
    cleanups.push(
      () => receiver.stop(),
      async () => void (await service.stop()),
      () => removeDataDir(service.dataDir),
    );
    await addEndpoint(api, receiver.url);
    receiver.failFor = () => true;
    const order = minimalOrder(newOrderId('dead'), newOrderId('c-dead'));
    const tag = await registerOrder(api, order);
    await api.post(`/api/v3/orders/${order.orderId}/action`, { action: 'ConfirmCancellation', versionTag: tag });
    const dead = await eventually(
      async () => (await api.get('/api/v3/automations/dead-letters')).body,
      (b) => b.totalCount === 1,
      'a dead letter',
    );
    expect(dead.items[0]).toMatchObject({ orderId: order.orderId, action: 'ConfirmCancellation', attempts: 2, lastError: 'HTTP 503' });
    expect(receiver.received).toHaveLength(2);
    expect(dead.links).toEqual([]);
    expect((await api.get('/api/v3/automations/deliveries?state=dead')).body).toMatchObject({
      totalCount: 1,
      items: [{ id: dead.items[0].id, state: 'dead', attempts: 2, lastError: 'HTTP 503', nextAttemptAt: null }],
    });
    expect((await api.get('/api/v3/automations/deliveries?state=bogus')).status).toBe(400);
    expect((await api.get('/api/v3/automations/dead-letters?offset=1&count=1')).body.links).toEqual([
      { rel: 'previous', href: '/api/v3/automations/dead-letters?offset=0&count=1', method: 'GET' },
    ]);

    receiver.failFor = () => false;
    expect((await api.post(`/api/v3/automations/dead-letters/${dead.items[0].id}/retry`, {})).status).toBe(202);
    const arrived = await eventually(
      () => receiver.delivered(),
      (list) => list.length === 1,
      'the re-driven trigger',
    );
    expect(arrived[0]!.headers['x-delivery-id']).toBe(dead.items[0].id);
    expect((await api.get('/api/v3/automations/dead-letters')).body.totalCount).toBe(0);
  });
});
