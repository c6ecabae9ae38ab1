import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactKeysOf, type MatchKeyType, normalizeMatchKey, orderStreamId } from '@orders/domain';
import { type DemoOrder, demoDataSet, UNREGISTERED_PRODUCT } from '@orders/demo-data';
import { type RecordedEvent, SqliteEventStore } from '@orders/event-store';
import { runCliInProcess } from './support/cli-run';
import { type Client, client } from './support/http';
import { newDataDir, removeDataDir, type ServiceHandle, startService } from './support/service-process';

/**
 * `demo load` into a fresh DATA_DIR, then the built service started on it: the projector reads the
 * events at start and the API serves them; a second load while the service runs is picked up live.
 */
let dataDir: string;
let service: ServiceHandle;
let api: Client;
// the data set the CLI wrote (the same seed and day give the same bodies)
const data = demoDataSet({ seed: 1, orders: 50, baseTime: Math.floor(Date.now() / 86_400_000) * 86_400_000 });

async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const served = (orderId: string) =>
  eventually(async () => {
    const answer = await api.get(`/api/v3/orders/${orderId}`);
    return answer.status === 200 ? answer : undefined;
  }, `GET ${orderId}`);

const lines = (order: DemoOrder) => (order.body.lineItems as { items: { article: { sku: string } }[] }).items;

async function streamOf(orderId: string): Promise<RecordedEvent[]> {
  const store = SqliteEventStore.open({ file: join(dataDir, 'events.sqlite') });
  try {
    return await store.readStream(orderStreamId(orderId));
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  dataDir = newDataDir();
  const run = await runCliInProcess({ DATA_DIR: dataDir }, 'demo', 'load', '--orders', '50', '--no-progress');
  expect(run, run.err).toMatchObject({ code: 0 });
  service = await startService({ dataDir });
  api = client(service.url);
}, 60_000);

afterAll(async () => {
  await service?.stop();
  removeDataDir(dataDir);
});

describe('the service on a DATA_DIR filled by demo load', () => {
  it('serves every demo order with the generated content', async () => {
    for (const order of [data.orders[0]!, data.orders[49]!]) {
      const answer = await served(order.orderId);
      expect(answer.body).toMatchObject({
        orderId: order.orderId,
        currencyCode: order.body.currencyCode,
        totalPrice: order.body.totalPrice,
      });
      expect(answer.body.status).toBe(order.later ? 'Completed' : order.body.status);
    }
  });

  it('answers segment queries on order and article-register data', async () => {
    await served(data.orders[49]!.orderId);
    const all = await api.post('/api/v3/segments/query', { filter: { field: 'orderId', op: 'startsWith', value: 'demo-1-' } });
    expect(all.body).toMatchObject({ orderCount: 50, contactCount: expect.any(Number) });
    const brand = await api.post('/api/v3/segments/query', {
      filter: { line: { field: 'article.brand', op: 'eq', value: 'Arctic Line' } },
    });
    expect(brand.status).toBe(200);
    expect(brand.body.orderCount).toBeGreaterThan(0);
    expect(brand.body.contactCount).toBeGreaterThan(0);
  });

  it('links orders to registered contacts by any key, and warns about what is left out of the registers', async () => {
    await served(data.orders[49]!.orderId);
    const owner = (key: { matchKey: string; matchKeyType: MatchKeyType }) =>
      data.contacts.find(({ body }) =>
        contactKeysOf(body as Record<string, string>).some(
          (k) => k.type === key.matchKeyType && k.value === normalizeMatchKey(key.matchKeyType, key.matchKey),
        ),
      );
    const linked = data.orders
      .map((order) => ({ order, contact: owner(order.body.contact as { matchKey: string; matchKeyType: MatchKeyType }) }))
      .filter((o) => o.contact && (o.order.body.contact as { matchKeyType: string }).matchKeyType !== 'ContactId');
    expect(linked.length).toBeGreaterThan(0);
    for (const { order, contact } of linked.slice(0, 5)) {
      const page = await api.get(`/api/v3/orders?contactId=${contact!.id}&count=100`);
      expect(
        page.body.items.map((o: { orderId: string }) => o.orderId),
        `${order.orderId} → ${contact!.id}`,
      ).toContain(order.orderId);
    }
    const belt = data.orders.find((o) => lines(o).some((l) => l.article.sku.startsWith(`${UNREGISTERED_PRODUCT}-`)));
    expect(belt).toBeDefined();
    const warnings = await api.get(`/api/v3/orders/${belt!.orderId}/warnings`);
    expect(warnings.body.items.map((w: { code: string }) => w.code)).toContain('ARTICLE_MISSING');
  });

  it('the events are those the API writes for the same body', async () => {
    const twin = data.orders.find((o) => !o.later && o.body.createdAt !== undefined)!;
    const posted = await api.post('/api/v3/orders', { ...twin.body, orderId: 'http-twin' });
    expect(posted.status).toBe(202);
    const [demo] = await streamOf(twin.orderId);
    const [http] = await streamOf('http-twin');
    expect(http!.type).toBe(demo!.type);
    const order = (event: RecordedEvent) => ({ ...(event.data.order as object), orderId: 'x' });
    expect(order(demo!)).toEqual(order(http!));
    expect(Object.keys(demo!.metadata).sort()).toEqual(Object.keys(http!.metadata).sort());
  });

  it('a load while the service runs is picked up by its projector', async () => {
    const run = await runCliInProcess({ DATA_DIR: dataDir }, 'demo', 'load', '--orders', '5', '--seed', '2', '--no-progress');
    expect(run.out).toMatch(/^orders: +5 written/m);
    expect((await served('demo-2-5')).body.orderId).toBe('demo-2-5');
  });
});
