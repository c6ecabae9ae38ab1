import type { EventStore, RecordedEvent, SubscribeOptions, SubscriptionHandler } from '@orders/event-store';
import type { ContactResolver } from '@orders/read-models';
import { FakeMongoDb } from '@orders/read-models/testing/fake-mongo';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeliveryWorker } from './delivery-worker';
import { type AutomationStore, SqliteAutomationStore } from '@orders/automations';
import { MongoAutomationStore } from '@orders/automations/mongo';
import type { TriggerBuilder } from './trigger-builder';
import { TriggerDispatcher } from './trigger-dispatcher';
import { Logger, type LoggerService } from '@nestjs/common';
import { StorageFaultError } from '@orders/event-store';
import { StorageFaults } from '../infrastructure/storage-faults';

/** An event store whose single live subscription the test feeds by hand. */
class ScriptedLog {
  readonly subscriptions: { options: SubscribeOptions; handler: SubscriptionHandler; stopped: boolean }[] = [];
  readonly store = {
    subscribeToAll: (options: SubscribeOptions, handler: SubscriptionHandler) => {
      const subscription = { options, handler, stopped: false };
      this.subscriptions.push(subscription);
      return { stop: async () => void (subscription.stopped = true) };
    },
  } as unknown as EventStore;

  async deliver(events: RecordedEvent[]): Promise<void> {
    const live = this.subscriptions.filter((s) => !s.stopped);
    expect(live).toHaveLength(1);
    await live[0]!.handler.onEvents(events);
  }
}

const event = (position: number, type: string, orderId: string, createdAt = '2026-01-01T00:00:10.000Z'): RecordedEvent => ({
  id: `ev-${position}`,
  streamId: `order-${orderId}`,
  revision: position,
  position,
  type,
  data: {},
  metadata: {} as RecordedEvent['metadata'],
  createdAt,
});

const stores: { name: string; open(): AutomationStore }[] = [
  { name: 'sqlite', open: () => SqliteAutomationStore.open(':memory:') },
  { name: 'mongodb (in-memory fake)', open: () => new MongoAutomationStore(new FakeMongoDb().asDb()) },
];

describe.each(stores)('trigger dispatcher on $name', ({ open }) => {
  const dispatchers: TriggerDispatcher[] = [];
  afterEach(async () => {
    for (const dispatcher of dispatchers.splice(0)) await dispatcher.stop();
  });

  async function setup() {
    const store = open();
    await store.prepare();
    const log = new ScriptedLog();
    const contacts = { position: async () => Number.MAX_SAFE_INTEGER } as unknown as ContactResolver;
    const builder = {
      build: async (e: RecordedEvent) => ({
        triggerId: e.id,
        action: 'ConfirmOrder',
        orderId: e.streamId.slice('order-'.length),
        at: e.position,
      }),
    } as unknown as TriggerBuilder;
    const worker = { wake: vi.fn() } as unknown as DeliveryWorker;
    const make = (faults?: StorageFaults) => {
      const dispatcher = new TriggerDispatcher(log.store, contacts, store, builder, worker, faults);
      dispatchers.push(dispatcher);
      return dispatcher;
    };
    const at = (s: string) => Date.parse(`2026-01-01T00:00:${s}.000Z`);
    await store.addEndpoint({ id: 'all', url: 'http://a.invalid', secret: 's'.repeat(16), actions: null, created_at_ms: at('00') });
    await store.addEndpoint({
      id: 'shipments',
      url: 'http://b.invalid',
      secret: 's'.repeat(16),
      actions: '["ConfirmShipment"]',
      created_at_ms: at('00'),
    });
    await store.addEndpoint({ id: 'later', url: 'http://c.invalid', secret: 's'.repeat(16), actions: null, created_at_ms: at('20') });
    return { store, log, worker, make };
  }

  it('one delivery per interested endpoint registered before the action; resumes from its checkpoint; a redelivered batch is not doubled', async () => {
    const { store, log, worker, make } = await setup();
    const first = make();
    await first.start();
    expect(log.subscriptions[0]!.options).toMatchObject({
      fromPosition: 0,
      streamPrefixes: ['order-'],
      eventTypes: ['OrderActionRequested'],
    });
    const batch = [event(10, 'OrderRegistered', 'A'), event(11, 'OrderActionRequested', 'A'), event(12, 'OrderActionRequested', 'B')];
    await log.deliver(batch);
    expect(worker.wake).toHaveBeenCalledTimes(1);
    expect(await store.checkpoint('trigger-dispatcher')).toBe(12);
    const heads = await store.dueHeads(Date.now(), 10);
    expect(heads.map((d) => [d.endpoint_id, d.order_id, d.trigger_id])).toEqual([
      ['all', 'A', 'ev-11'],
      ['all', 'B', 'ev-12'],
    ]);
    expect(JSON.parse(heads[0]!.body)).toMatchObject({ triggerId: 'ev-11', orderId: 'A' });
    for (const head of heads) expect(head.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/); // the x-delivery-id: UUID v7
    expect(heads[0]!.id < heads[1]!.id).toBe(true); // made one after another, sorted one after another

    await first.stop(); // e.g. the lease moved to another instance, which starts from the checkpoint
    const second = make();
    await second.start();
    expect(log.subscriptions[1]!.options.fromPosition).toBe(12);
    await log.deliver(batch); // at-least-once from the log: the same triggers again
    await log.deliver([event(13, 'OrderActionRequested', 'A')]);
    const lanes = await store.dueHeads(Date.now(), 10);
    expect(lanes.map((d) => d.trigger_id)).toEqual(['ev-11', 'ev-12']);
    await store.markDelivered(lanes[0]!.id, Date.now());
    expect((await store.dueHeads(Date.now(), 10)).map((d) => d.trigger_id)).toEqual(['ev-12', 'ev-13']);
    expect(await store.checkpoint('trigger-dispatcher')).toBe(13);
  });

  it('backs off 1 s, 2 s … after failures, logs once when failing starts and once on recovery, and records the storage fault', async () => {
    const { log, make } = await setup();
    const lines: string[] = [];
    const record = (level: string) => (message: unknown) => void lines.push(`${level}: ${String(message)}`);
    const logger: LoggerService = { log: record('log'), error: record('error'), warn: record('warn') };
    Logger.overrideLogger(logger);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const faults = new StorageFaults();
      await make(faults).start();
      const fail = (i: number) => {
        log.subscriptions[i]!.stopped = true; // the store's subscription stops itself before onError
        log.subscriptions[i]!.handler.onError!(new StorageFaultError('full', 'automations', 'database or disk is full'));
      };
      fail(0);
      expect(faults.current()).toMatchObject([{ source: 'dispatcher', kind: 'full', store: 'automations' }]);
      await vi.advanceTimersByTimeAsync(999);
      expect(log.subscriptions).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(log.subscriptions).toHaveLength(2);
      fail(1);
      await vi.advanceTimersByTimeAsync(1999);
      expect(log.subscriptions).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(1);
      expect(log.subscriptions).toHaveLength(3);
      fail(2);
      await vi.advanceTimersByTimeAsync(4000);

      await log.deliver([event(30, 'OrderRegistered', 'Z')]);
      expect(faults.current()).toStrictEqual([]);
      expect(lines).toStrictEqual([
        'error: dispatching failed, resubscribing from the checkpoint with back-off: automations store is full: database or disk is full',
        expect.stringMatching(/^log: dispatching recovered after 3 failed attempts over \d+ s$/),
      ]);
    } finally {
      vi.useRealTimers();
      Logger.overrideLogger(true);
    }
  });

  it('writes a checkpoint that stores no delivery at most once a second, and on stop', async () => {
    const { store, log, make } = await setup();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const dispatcher = make();
      await dispatcher.start();
      const { handler } = log.subscriptions[0]!;
      await handler.onCheckpoint!(20);
      await handler.onCheckpoint!(25);
      expect(await store.checkpoint('trigger-dispatcher')).toBe(0);
      await vi.advanceTimersByTimeAsync(1000);
      expect(await store.checkpoint('trigger-dispatcher')).toBe(25);
      // a batch with deliveries writes its position at once, and takes a pending checkpoint before it along
      await handler.onCheckpoint!(30);
      await log.deliver([event(31, 'OrderActionRequested', 'A')]);
      expect(await store.checkpoint('trigger-dispatcher')).toBe(31);
      await handler.onCheckpoint!(40);
      await dispatcher.stop();
      expect(await store.checkpoint('trigger-dispatcher')).toBe(40);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a stop while the checkpoint is being read subscribes nothing', async () => {
    const { log, make } = await setup();
    const dispatcher = make();
    const starting = dispatcher.start();
    await dispatcher.stop();
    await starting;
    expect(log.subscriptions).toEqual([]);
  });
});
