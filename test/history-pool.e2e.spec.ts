import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_EVENT_SCHEMA_VERSION, orderStreamId } from '@orders/domain';
import { SqliteEventStore } from '@orders/event-store';
import { testOrder } from '@orders/read-models/testing/read-model-log';
import { type Client, client } from './support/http';
import { newDataDir, removeDataDir, type ServiceHandle, startService } from './support/service-process';

/**
 * Issue 15 point 3 for history reads, against the built service: with worker threads (the default) a
 * history fold runs on the read pool with SEGMENT_QUERY_BUDGET_MS. The event file is seeded before the
 * start with one order of 12 000 events (its first fold takes far longer than the smallest budget, 50 ms)
 * and a short one.
 */
const LONG = 'hist-long-1';
const SHORT = 'hist-short-1';
const EVENTS = 12_000;
const metadata = { schemaVersion: ORDER_EVENT_SCHEMA_VERSION, correlationId: 'seed' };

let service: ServiceHandle;
let admin: Client;

async function seed(dataDir: string): Promise<void> {
  const store = SqliteEventStore.open({ file: join(dataDir, 'events.sqlite') });
  const event = (type: string, data: Record<string, unknown>) => ({ id: crypto.randomUUID(), type, data, metadata });
  await store.appendToStream(orderStreamId(SHORT), [event('OrderRegistered', { order: testOrder(SHORT, 'c-short') })]);
  await store.appendToStream(orderStreamId(LONG), [event('OrderRegistered', { order: testOrder(LONG, 'c-long') })]);
  for (let from = 1; from < EVENTS; from += 4000) {
    const count = Math.min(4000, EVENTS - from);
    await store.appendToStream(
      orderStreamId(LONG),
      Array.from({ length: count }, (_, i) => event('OrderStatusChanged', { orderId: LONG, externalStatus: `step-${from + i}` })),
    );
  }
  await store.close();
}

beforeAll(async () => {
  const dataDir = newDataDir();
  await seed(dataDir);
  service = await startService({ dataDir, env: { READ_POOL_SIZE: '2', SEGMENT_QUERY_BUDGET_MS: '50' } });
  admin = client(service.url);
});

afterAll(async () => {
  await service?.stop();
  if (service) removeDataDir(service.dataDir);
});

describe('history reads on the read pool (embedded backend with threads)', () => {
  it('stops a fold past its budget with 503 QUERY_BUDGET_EXCEEDED; a short history is answered by a fresh worker', async () => {
    const long = await admin.get(`/api/v3/orders/${LONG}/history?offset=${EVENTS - 10}&count=10`);
    expect(long.status, JSON.stringify(long.body)).toBe(503);
    expect(long.body).toMatchObject({ code: 'QUERY_BUDGET_EXCEEDED', type: '/problems/QUERY_BUDGET_EXCEEDED' });
    expect(long.headers.get('retry-after')).toBe('1');
    const asOf = await admin.get(`/api/v3/orders/${LONG}?at=${encodeURIComponent(new Date().toISOString())}`);
    expect(asOf.body).toMatchObject({ status: 503, code: 'QUERY_BUDGET_EXCEEDED' });
    // a fresh worker starts within the budget of a later read (tens of ms): a few tries at most
    let short = await admin.get(`/api/v3/orders/${SHORT}/history`);
    for (let attempt = 0; attempt < 20 && short.status === 503; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      short = await admin.get(`/api/v3/orders/${SHORT}/history`);
    }
    expect(short.status, JSON.stringify(short.body)).toBe(200);
    expect(short.body).toMatchObject({ orderId: SHORT, totalCount: 1, items: [{ revision: 0, type: 'OrderRegistered' }] });
  });
});
