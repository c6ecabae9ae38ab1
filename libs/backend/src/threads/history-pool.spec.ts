import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dataSubjectOf, type Order, ORDER_EVENT_SCHEMA_VERSION, orderStreamId } from '@orders/domain';
import type { NewEvent } from '@orders/event-store';
import {
  type OrderAtTarget,
  OrderHistoryReader,
  PooledOrderHistory,
  QueryBudgetExceededError,
  ReadPool,
  type ReadPoolOptions,
} from '@orders/read-models';
import { testOrder } from '@orders/read-models/testing/read-model-log';
import { SUBJECT_KEYS_FILE } from '@orders/personal-data';
import { openBackend } from '../backend';
import { EVENTS_FILE } from '../backend-config';
import type { Backend } from '../backend.port';
import { startWorker } from './launch';

const silent = (): undefined => undefined;
const EMAIL = 'ann@example.com';
/** an order whose match key and billing address are personal: sealed in the event file */
const personalOrder = (orderId: string, totalPrice: number, city = 'Malmö', email = EMAIL): Order => ({
  ...testOrder(orderId, email, '2026-01-01T00:00:00Z', 'Email'),
  totalPrice,
  lineItems: { items: [{ type: 'Purchase', quantity: 1, article: { sku: 'A' }, totalPrice }] },
  billingAddress: { firstName: 'Ann', lastName: 'Andersson', street: 'Storgatan 1', city, email },
});
const metadata = { schemaVersion: ORDER_EVENT_SCHEMA_VERSION, apiKeyName: 'shop', correlationId: 'corr-1' };
const event = (type: string, data: Record<string, unknown>): NewEvent => ({ id: crypto.randomUUID(), type, data, metadata });
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('history reads on the read pool (embedded backend with threads)', () => {
  let dir: string;
  let backend: Backend;
  /** the reader the request thread would use: the answers to match */
  let inThread: OrderHistoryReader;
  const pools: ReadPool[] = [];
  /** a pool of its own over the same DATA_DIR (budget and start count under the test's control) */
  const pool = (options: Partial<ReadPoolOptions> = {}, onStart: () => void = () => undefined): ReadPool => {
    const created = new ReadPool(
      {
        file: join(dir, 'read-models.sqlite'),
        size: 1,
        budgetMs: 20_000,
        slotsPerKey: 1,
        history: { eventsFile: join(dir, EVENTS_FILE), subjectKeysFile: join(dir, SUBJECT_KEYS_FILE) },
        ...options,
      },
      (data) => {
        onStart();
        return startWorker('read', data);
      },
    );
    pools.push(created);
    return created;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'history-pool-'));
    backend = openBackend({ dataDir: dir, readPool: { size: 2, budgetMs: 20_000, slotsPerKey: 1 } }, silent, undefined, { threads: true });
    inThread = new OrderHistoryReader(backend.orderEvents);
    const store = backend.orderEvents;
    // h-1: 150 events in three commits some ms apart (distinct commit times for `at`), past two snapshot checkpoints (64)
    await store.appendToStream(orderStreamId('h-1'), [
      event('OrderRegistered', { order: personalOrder('h-1', 10) }),
      ...Array.from({ length: 59 }, (_, i) => event('OrderStatusChanged', { orderId: 'h-1', externalStatus: `step-${i}` })),
    ]);
    await sleep(15);
    await store.appendToStream(orderStreamId('h-1'), [
      event('OrderReplaced', { order: personalOrder('h-1', 20, 'Lund') }),
      event('OrderActionRequested', { orderId: 'h-1', action: { type: 'Resend', parameters: { reason: 'test' } } }),
      ...Array.from({ length: 58 }, (_, i) => event('OrderStatusChanged', { orderId: 'h-1', externalStatus: `more-${i}` })),
    ]);
    await sleep(15);
    await store.appendToStream(orderStreamId('h-1'), [
      event('OrderReplaced', { order: personalOrder('h-1', 30, 'Ystad') }),
      ...Array.from({ length: 28 }, (_, i) => event('OrderStatusChanged', { orderId: 'h-1', externalStatus: `last-${i}` })),
      event('OrderDeleted', { orderId: 'h-1' }),
    ]);
    // long: 4000 events, for the budget
    await store.appendToStream(orderStreamId('long'), [
      event('OrderRegistered', { order: personalOrder('long', 10) }),
      ...Array.from({ length: 3999 }, (_, i) => event('OrderStatusChanged', { orderId: 'long', externalStatus: `s-${i}` })),
    ]);
    void backend.readModels; // the read-model file the workers' connection opens
  });
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((created) => created.close()));
  });
  afterAll(async () => {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the backend chooses: the pool with threads, the request thread without threads, with READ_POOL_SIZE 0 or distributed', async () => {
    expect(backend.orderHistory).toBeInstanceOf(PooledOrderHistory);
    const others = [
      openBackend({ dataDir: dir }, silent),
      openBackend({ dataDir: dir, readPool: { size: 0, budgetMs: 2000, slotsPerKey: 1 } }, silent, undefined, { threads: true }),
      openBackend(
        {
          dataDir: dir,
          backend: { kind: 'distributed', eventStoreUrl: 'esdb://127.0.0.1:1?tls=false', mongoUrl: 'mongodb://127.0.0.1:9/o' },
        },
        silent,
      ),
    ];
    for (const other of others) expect(other.orderHistory).toBeInstanceOf(OrderHistoryReader);
    await Promise.all(others.map((other) => other.close()));
  });

  it('answers page, orderAt (revision and instant) and exists exactly as the in-thread reader, personal data opened', async () => {
    const history = backend.orderHistory;
    const raw = await backend.eventStore.readStream(orderStreamId('h-1'), { maxCount: 1 });
    expect(JSON.stringify(raw)).not.toContain(EMAIL); // sealed in the file
    const times = [...new Set((await inThread.page('h-1', 0, 200))!.items.map((item) => item.time))];
    expect(times.length).toBe(3);
    const before = new Date(Date.parse(times[0]!) - 1).toISOString();
    const between = new Date(Date.parse(times[1]!) + 1).toISOString();
    const targets: OrderAtTarget[] = [
      ...[0, 1, 59, 60, 61, 63, 64, 100, 127, 128, 148, 149, 150].map((revision) => ({ revision })),
      ...[before, times[0]!, between, times[2]!, '2100-01-01T00:00:00.000Z'].map((at) => ({ at })),
    ];
    // twice: folded from the events, then from the snapshots each side kept
    for (let round = 0; round < 2; round++) {
      for (const [offset, count] of [
        [0, 10],
        [55, 20],
        [120, 100],
        [150, 10],
        [0, 150],
      ] as const) {
        const pooled = await history.page('h-1', offset, count, { caller: 'a' });
        expect(pooled).toStrictEqual(await inThread.page('h-1', offset, count));
      }
      for (const target of targets) {
        expect(await history.orderAt('h-1', target, { caller: 'b' })).toStrictEqual(await inThread.orderAt('h-1', target));
      }
    }
    expect(JSON.stringify(await history.page('h-1', 0, 1, { caller: 'a' }))).toContain(EMAIL);
    expect((await history.orderAt('h-1', { revision: 60 }))?.order.billingAddress?.city).toBe('Lund');
    expect(await history.page('nope', 0, 10)).toBeNull();
    expect(await history.orderAt('nope', { revision: 0 })).toBeNull();
    expect([await history.exists('h-1'), await history.exists('nope')]).toEqual([true, false]);
  });

  it('after an erasure, forget() reaches every worker: reads sent after it open no erased field', async () => {
    const history = backend.orderHistory;
    const eve = 'eve@example.com';
    await backend.orderEvents.appendToStream(orderStreamId('e-1'), [
      event('OrderRegistered', { order: personalOrder('e-1', 10, 'Lund', eve) }),
    ]);
    // both workers fold it (a read each, two callers at once), keeping a snapshot and the key in their caches
    const warm = await Promise.all(['a', 'b'].map((caller) => history.orderAt('e-1', { revision: 0 }, { caller })));
    expect(warm.map((record) => record?.order.contact.matchKey)).toEqual([eve, eve]);
    await backend.subjectKeys.erase([dataSubjectOf('Email', eve)], new Date().toISOString());
    history.forget('e-1');
    const after = await Promise.all(['a', 'b'].map((caller) => history.orderAt('e-1', { revision: 0 }, { caller })));
    expect(after.map((record) => record?.order.contact.matchKey)).toEqual(['[erased]', '[erased]']);
    expect(after[0]).toStrictEqual(await new OrderHistoryReader(backend.orderEvents).orderAt('e-1', { revision: 0 }));
  });

  it('a fold that outruns its budget answers QueryBudgetExceededError; a fresh worker takes the slot and answers', async () => {
    let started = 0;
    const reads = pool({}, () => (started += 1));
    const history = new PooledOrderHistory(reads);
    expect(await history.exists('long')).toBe(true); // the worker is up and has its files open
    const startedAt = performance.now();
    await inThread.orderAt('long', { revision: 3999 });
    const foldMs = performance.now() - startedAt;
    const budgetMs = Math.max(5, Math.min(50, Math.floor(foldMs / 4)));
    const error = await reads
      .run('a', { kind: 'history', op: 'orderAt', orderId: 'long', target: { revision: 3999 } }, budgetMs)
      .catch((thrown: unknown) => thrown);
    expect(error, `the in-thread fold took ${foldMs.toFixed(0)} ms, the budget ${budgetMs} ms`).toBeInstanceOf(QueryBudgetExceededError);
    expect(error).toMatchObject({ budgetMs, stage: 'running' });
    expect(started).toBe(2);
    expect(await history.orderAt('long', { revision: 3999 }, { caller: 'a' })).toStrictEqual(
      await inThread.orderAt('long', { revision: 3999 }),
    );
    expect(started).toBe(2);
  });

  it('a long fold delays only itself: another caller is answered while it runs', async () => {
    const reads = pool({ size: 2 });
    const history = new PooledOrderHistory(reads);
    await Promise.all([history.exists('long', { caller: 'a' }), history.exists('long', { caller: 'b' })]);
    let longDone = false;
    const long = history.page('long', 0, 4000, { caller: 'a' }).then((page) => {
      longDone = true;
      return page;
    });
    const short = await history.page('h-1', 0, 5, { caller: 'b' });
    expect(short?.items).toHaveLength(5);
    expect(longDone).toBe(false);
    expect((await long)?.items).toHaveLength(4000);
  });
});
