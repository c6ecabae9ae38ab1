import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeMongoDb } from '@orders/read-models/testing/fake-mongo';
import { Logger } from '@nestjs/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AutomationConfig } from '../config/app-config';
import { DeliveryWorker } from './delivery-worker';
import type { AttemptOutcome, TriggerPost, TriggerTransport } from './trigger-transport';
import { AUTOMATIONS_FILE, type AutomationStore, SqliteAutomationStore } from '@orders/automations';
import { MongoAutomationStore } from '@orders/automations/mongo';

const config: AutomationConfig = {
  dispatcherEnabled: true,
  retryBaseMs: 20,
  retryMaxMs: 40,
  maxAttempts: 3,
  timeoutMs: 1000,
  retentionHours: 168,
  allowLocalNetwork: false,
  allowedHosts: { names: new Set(), networks: [] },
};

/** Two stores on the same data, as two instances would open them. */
const backends: { name: string; open(): { stores: [AutomationStore, AutomationStore]; cleanup(): void } }[] = [
  {
    name: 'sqlite file',
    open: () => {
      const dir = mkdtempSync(join(tmpdir(), 'worker-'));
      const stores: [AutomationStore, AutomationStore] = [
        SqliteAutomationStore.open(join(dir, AUTOMATIONS_FILE)),
        SqliteAutomationStore.open(join(dir, AUTOMATIONS_FILE)),
      ];
      return {
        stores,
        cleanup: () => void Promise.all(stores.map((s) => s.close())).then(() => rmSync(dir, { recursive: true, force: true })),
      };
    },
  },
  {
    name: 'mongodb (in-memory fake)',
    open: () => {
      const db = new FakeMongoDb().asDb();
      return { stores: [new MongoAutomationStore(db), new MongoAutomationStore(db)], cleanup: () => undefined };
    },
  },
];

/** answers dueHeads a little later, so that both workers act on the same (now stale) heads: the claim must settle it */
const staleReads = (store: AutomationStore): AutomationStore =>
  new Proxy(store, {
    get: (target, property, receiver) =>
      property === 'dueHeads'
        ? async (nowMs: number, limit: number) => {
            const heads = await target.dueHeads(nowMs, limit);
            await new Promise((resolve) => setTimeout(resolve, 2));
            return heads;
          }
        : (Reflect.get(target, property, receiver) as unknown),
  });

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const received: { deliveryId: string; orderId: string; attempt: string }[] = [];
/** the receiver behind a stand-in transport: answers `outcome(orderId)` after a short random delay */
let answer: (orderId: string) => AttemptOutcome = () => ({ status: 200 });
const transport = {
  post: async ({ headers, body }: TriggerPost): Promise<AttemptOutcome> => {
    const orderId = (JSON.parse(body) as { orderId: string }).orderId;
    received.push({ deliveryId: headers['x-delivery-id']!, orderId, attempt: headers['x-delivery-attempt']! });
    await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 5)));
    return answer(orderId);
  },
} as unknown as TriggerTransport;
const receiver = (status: (orderId: string) => number) => void (answer = (orderId) => ({ status: status(orderId) }));

describe.each(backends)('delivery worker on $name', ({ open }) => {
  const cleanups: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    vi.restoreAllMocks();
    received.splice(0);
    answer = () => ({ status: 200 });
  });

  async function twoWorkers() {
    const { stores, cleanup } = open();
    cleanups.push(cleanup);
    for (const store of stores) await store.prepare();
    const workers = stores.map((store) => new DeliveryWorker(staleReads(store), config, transport));
    cleanups.push(() => Promise.all(workers.map((worker) => worker.stop())).then(() => undefined));
    const [store] = stores;
    await store.addEndpoint({ id: 'e1', url: 'http://receiver.invalid/hook', secret: 's'.repeat(16), actions: null, created_at_ms: 0 });
    return { store, workers };
  }

  const deliveries = (orders: string[], perOrder: number) =>
    orders.flatMap((orderId) =>
      Array.from({ length: perOrder }, (_, i) => ({
        id: `${orderId}-${i}`,
        endpointId: 'e1',
        orderId,
        triggerId: `t-${orderId}-${i}`,
        action: 'ConfirmOrder',
        body: JSON.stringify({ orderId, i }),
      })),
    );

  it('two workers (two instances) deliver every trigger exactly once, in order per order', async () => {
    receiver(() => 200);
    const { store, workers } = await twoWorkers();
    const all = deliveries(['A', 'B', 'C', 'D', 'E'], 6);
    await store.enqueue('d', all, 1, Date.now());
    await Promise.all(workers.map((worker) => worker.start()));
    await eventually(async () => (await store.nextDueAt()) === null, 'every delivery delivered');
    expect(received.map((r) => r.deliveryId).sort()).toEqual(all.map((d) => d.id).sort());
    for (const orderId of ['A', 'B', 'C', 'D', 'E']) {
      expect(received.filter((r) => r.orderId === orderId).map((r) => r.deliveryId)).toEqual(
        all.filter((d) => d.orderId === orderId).map((d) => d.id),
      );
    }
    expect(new Set(received.map((r) => r.attempt))).toEqual(new Set(['1']));
  });

  it('a failing order is retried, then dead-lettered, without holding back other orders; a removed endpoint cancels', async () => {
    receiver((orderId) => (orderId === 'bad' ? 503 : 200));
    const { store, workers } = await twoWorkers();
    await store.enqueue('d', [...deliveries(['bad'], 2), ...deliveries(['good'], 2)], 1, Date.now());
    await store.enqueue('d', [{ ...deliveries(['orphan'], 1)[0]!, endpointId: 'removed' }], 2, Date.now());
    await Promise.all(workers.map((worker) => worker.start()));
    await eventually(async () => (await store.nextDueAt()) === null, 'every delivery settled');
    expect(received.filter((r) => r.deliveryId === 'bad-0').map((r) => r.attempt)).toEqual(['1', '2', '3']);
    expect(received.filter((r) => r.deliveryId === 'bad-1').map((r) => r.attempt)).toEqual(['1', '2', '3']);
    expect((await store.deadLetters(0, 10)).items.map((d) => d.id)).toEqual(['bad-0', 'bad-1']);
    expect((await store.delivery('good-1'))?.status).toBe('delivered');
    expect((await store.delivery('orphan-0'))?.status).toBe('cancelled');
    expect(received.some((r) => r.orderId === 'orphan')).toBe(false);
  });

  it('logs every failed attempt (status or short reason, next attempt) and the dead letter, and stores only the short reason', async () => {
    const warn = vi.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const error = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    answer = (orderId) => (orderId === 'refused' ? { reason: 'connection refused' } : { status: 401 });
    const { store, workers } = await twoWorkers();
    await store.enqueue('d', [...deliveries(['refused'], 1), ...deliveries(['denied'], 1)], 1, Date.now());
    await workers[0]!.start();
    await eventually(async () => (await store.nextDueAt()) === null, 'both dead-lettered');
    const failed = warn.mock.calls.map(([line]) => line as Record<string, unknown>).filter((l) => l.msg === 'automation delivery failed');
    expect(failed).toHaveLength(6);
    expect(failed.filter((l) => l.orderId === 'refused').map((l) => [l.attempt, l.reason, typeof l.nextAttemptAt])).toEqual([
      [1, 'connection refused', 'string'],
      [2, 'connection refused', 'string'],
      [3, 'connection refused', 'undefined'],
    ]);
    expect(failed.find((l) => l.orderId === 'denied')).toMatchObject({ endpointId: 'e1', deliveryId: 'denied-0', status: 401, attempt: 1 });
    expect(Date.parse(String(failed[0]!.nextAttemptAt))).toBeGreaterThan(Date.now() - 5_000);
    const dead = error.mock.calls
      .map(([line]) => line as Record<string, unknown>)
      .filter((l) => l.msg === 'automation delivery dead-lettered');
    expect(dead.map((l) => [l.orderId, l.attempts, l.status ?? l.reason])).toEqual(
      expect.arrayContaining([
        ['refused', 3, 'connection refused'],
        ['denied', 3, 401],
      ]),
    );
    expect((await store.deadLetters(0, 10)).items.map((d) => [d.order_id, d.last_error])).toEqual(
      expect.arrayContaining([
        ['refused', 'connection refused'],
        ['denied', 'HTTP 401'],
      ]),
    );
  });

  it('prunes delivered deliveries older than AUTOMATION_RETENTION_HOURS when it starts; keeps recent and dead ones', async () => {
    const { store } = await twoWorkers();
    await store.enqueue('d', deliveries(['old', 'recent', 'dead'], 1), 1, Date.now() - 3 * 3_600_000);
    await store.markDelivered('old-0', Date.now() - 2 * 3_600_000);
    await store.markDelivered('recent-0', Date.now());
    await store.markFailed('dead-0', 'HTTP 500', null);
    const worker = new DeliveryWorker(store, { ...config, retentionHours: 1 }, transport);
    await worker.start();
    await eventually(async () => (await store.delivery('old-0')) === undefined, 'the old delivery pruned');
    await worker.stop();
    expect((await store.deliveries({}, 0, 10)).items.map((d) => d.id).sort()).toEqual(['dead-0', 'recent-0']);
  });
});
