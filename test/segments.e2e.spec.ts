import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, client } from './support/http';
import { minimalOrder, newOrderId } from './support/orders';
import { removeDataDir, type ServiceHandle, startService } from './support/service-process';

let service: ServiceHandle;
let api: Client;
/** a marker unique to this run, so that the filters below only see the orders of this suite */
const channel = `seg-e2e-${Date.now().toString(36)}`;

async function settled(path: string, method: 'POST' | 'PUT' | 'DELETE', body?: unknown) {
  const accepted = await api.call(method, path, body);
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
  return api.waitForJob(accepted.headers.get('location')!);
}

beforeAll(async () => {
  service = await startService();
  api = client(service.url);
  const line = (sku: string, type = 'Purchase') => ({ quantity: 1, type, article: { sku }, totalPrice: 50 });
  const orders = [
    minimalOrder(newOrderId(), 'seg-c1', { channel, status: 'Completed', totalPrice: 100, lineItems: { items: [line('SHIRT-RED-M')] } }),
    minimalOrder(newOrderId(), 'seg-c1', {
      channel,
      status: 'Completed',
      totalPrice: 200,
      lineItems: { items: [line('SHIRT-RED-L'), line('JEANS')] },
    }),
    minimalOrder(newOrderId(), 'seg-c2', {
      channel,
      status: 'Completed',
      totalPrice: 50,
      lineItems: { items: [line('SHIRT-RED-M', 'Return')] },
    }),
    minimalOrder(newOrderId(), 'seg-c3', { channel, status: 'InProgress', totalPrice: 75, lineItems: { items: [line('JEANS')] } }),
  ];
  for (const order of orders) await settled('/api/v3/orders', 'POST', order);
  // a deleted order never matches
  const deleted = minimalOrder(newOrderId(), 'seg-c9', { channel, status: 'Completed' });
  await settled('/api/v3/orders', 'POST', deleted);
  await settled(`/api/v3/orders/${deleted.orderId}`, 'DELETE');
});

afterAll(async () => {
  await service?.stop();
  if (service) removeDataDir(service.dataDir);
});

const mine = { field: 'channel', op: 'eq', value: channel };

describe('POST /api/v3/segments/query', () => {
  it('answers order and contact counts and a page of contacts (orderCount desc, then contactId)', async () => {
    const answer = await api.post('/api/v3/segments/query', {
      filter: { all: [mine, { field: 'status', op: 'eq', value: 'completed' }] },
      count: 1,
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toEqual({
      orderCount: 3,
      contactCount: 2,
      contacts: [{ contactId: 'seg-c1', orderCount: 2, totalPrice: 300 }],
      offset: 0,
      count: 1,
      links: [{ rel: 'next', href: '/api/v3/segments/query', method: 'POST', body: { offset: 1, count: 1 } }],
    });
  });

  it('applies line blocks and having', async () => {
    const filter = {
      all: [
        mine,
        {
          line: {
            all: [
              { field: 'sku', op: 'startsWith', value: 'shirt-red' },
              { field: 'type', op: 'eq', value: 'Purchase' },
            ],
          },
        },
      ],
    };
    const answer = await api.post('/api/v3/segments/query', { filter, having: { orderCount: { op: 'gte', value: 2 } } });
    expect(answer.body).toMatchObject({
      orderCount: 2,
      contactCount: 1,
      contacts: [{ contactId: 'seg-c1', orderCount: 2, totalPrice: 300 }],
      links: [],
    });
  });

  it('rejects anything outside the grammar with a 400 naming the JSON path', async () => {
    const answer = await api.post('/api/v3/segments/query', {
      filter: { all: [mine, { line: { any: [{ field: 'sku', op: 'regex', value: '.*' }] } }, { field: '$where', op: 'eq', value: 1 }] },
      having: { orderCount: { op: 'gte', value: 'two' } },
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(answer.body.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(answer.body.errors).sort()).toEqual([
      'filter.all[1].line.any[0].op',
      'filter.all[2].field',
      'having.orderCount.value',
    ]);
  });

  it('rejects a body without filter and unknown body fields', async () => {
    const answer = await api.post('/api/v3/segments/query', { filters: mine });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.errors).sort()).toEqual(['filter', 'filters']);
  });
});

describe('saved segments', () => {
  it('creates, reads, lists, runs, replaces and deletes a segment', async () => {
    const created = await api.post('/api/v3/segments', {
      name: 'Completed',
      filter: { all: [mine, { field: 'status', op: 'eq', value: 'Completed' }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { segmentId } = created.body;
    expect(created.headers.get('location')).toBe(`/api/v3/segments/${segmentId}`);
    expect((await api.get(`/api/v3/segments/${segmentId}`)).body).toMatchObject({ segmentId, name: 'Completed' });
    expect((await api.get('/api/v3/segments')).body.items.map((s: { segmentId: string }) => s.segmentId)).toContain(segmentId);

    const page = await api.get(`/api/v3/segments/${segmentId}/contacts?offset=1&count=1`);
    expect(page.body).toEqual({
      orderCount: 3,
      contactCount: 2,
      contacts: [{ contactId: 'seg-c2', orderCount: 1, totalPrice: 50 }],
      offset: 1,
      count: 1,
      links: [{ rel: 'previous', href: `/api/v3/segments/${segmentId}/contacts?offset=0&count=1`, method: 'GET' }],
    });

    const replaced = await api.put(`/api/v3/segments/${segmentId}`, {
      name: 'Ongoing',
      filter: { all: [mine, { field: 'status', op: 'eq', value: 'InProgress' }] },
    });
    expect(replaced.status).toBe(200);
    expect((await api.get(`/api/v3/segments/${segmentId}/contacts`)).body).toMatchObject({
      orderCount: 1,
      contacts: [{ contactId: 'seg-c3' }],
    });

    expect((await api.delete(`/api/v3/segments/${segmentId}`)).status).toBe(204);
    const gone = await api.get(`/api/v3/segments/${segmentId}`);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('SEGMENT_NOT_FOUND');
  });

  it('validates on save', async () => {
    const answer = await api.post('/api/v3/segments', { name: 'bad', filter: { not: { field: 'status', op: 'eq', value: 'Shipped' } } });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.errors)).toEqual(['filter.not.value']);
  });
});
