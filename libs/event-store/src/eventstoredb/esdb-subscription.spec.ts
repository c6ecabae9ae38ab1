import { PassThrough } from 'node:stream';
import type { EventStoreDBClient, Filter, Position, ReadPosition } from '@eventstore/db-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RecordedEvent, SubscriptionHandler } from '../event-store.port';
import { EsdbPositionResolver } from './esdb-positions';
import { EsdbSubscription, FILTER_CHECKPOINT_INTERVAL } from './esdb-subscription';

/** A stand-in for the client's AllStreamSubscription (a Transform stream in the client, too). */
class FakeServerSubscription extends PassThrough {
  unsubscribed = false;
  constructor(
    readonly fromPosition: ReadPosition | undefined,
    readonly serverFilter: Filter | undefined,
  ) {
    super({ objectMode: true });
  }
  async unsubscribe(): Promise<void> {
    this.unsubscribed = true;
    this.end();
  }
  send(...events: { stream: string; revision: number; commit: number; prepare?: number }[]): void {
    for (const e of events) {
      this.write({
        event: {
          streamId: e.stream,
          id: `${e.stream}@${e.revision}`,
          revision: BigInt(e.revision),
          type: 'Tested',
          isJson: true,
          data: { n: e.revision },
          metadata: {},
          created: new Date(0),
          position: { commit: BigInt(e.commit), prepare: BigInt(e.prepare ?? e.commit) },
        },
      });
    }
  }
  async checkpoint(position: number): Promise<void> {
    await this.serverFilter?.checkpointReached?.(this as never, { commit: BigInt(position), prepare: BigInt(position) });
  }
}

function fakeClient() {
  const subscriptions: FakeServerSubscription[] = [];
  const client = {
    subscribeToAll(options: { fromPosition?: ReadPosition; filter?: Filter }) {
      const subscription = new FakeServerSubscription(options.fromPosition, options.filter);
      subscriptions.push(subscription);
      return subscription;
    },
    readAll() {
      return (async function* () {})();
    },
  } as unknown as EventStoreDBClient;
  return { client, subscriptions };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await tick();
  if (!condition()) throw new Error('condition not met');
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('EsdbSubscription over a fake client', () => {
  const running: EsdbSubscription[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((subscription) => subscription.stop()));
  });

  function subscribe(handler: SubscriptionHandler, options: { fromPosition?: number; batchSize?: number; head?: number } = {}) {
    const { client, subscriptions } = fakeClient();
    const resolver = new EsdbPositionResolver(client);
    const drops: number[] = [];
    const subscription = new EsdbSubscription(
      {
        client,
        resolver,
        headPosition: async () => options.head ?? 1_000_000,
        retry: { initialDelayMs: 1, maxDelayMs: 4 },
        onDrop: (_, attempt) => void drops.push(attempt),
      },
      { fromPosition: options.fromPosition, streamPrefixes: ['order-'], batchSize: options.batchSize ?? 100 },
      handler,
    );
    running.push(subscription);
    return { subscription, subscriptions, drops, resolver };
  }

  it('batches the events that arrive while the handler is busy, in order, one batch at a time', async () => {
    const first = gate();
    const batches: string[][] = [];
    let active = 0;
    let maxActive = 0;
    const { subscriptions } = subscribe({
      async onEvents(events) {
        maxActive = Math.max(maxActive, ++active);
        batches.push(events.map((e) => e.id));
        if (batches.length === 1) await first.opened;
        active--;
      },
    });
    await until(() => subscriptions.length === 1);
    subscriptions[0]!.send({ stream: 'order-a', revision: 0, commit: 10 });
    await until(() => batches.length === 1);
    subscriptions[0]!.send(
      { stream: 'order-a', revision: 1, commit: 20 },
      { stream: 'order-b', revision: 0, commit: 30 },
      { stream: 'order-b', revision: 1, commit: 30, prepare: 40 },
    );
    await tick();
    first.open();
    await until(() => batches.flat().length === 4);
    expect(batches).toEqual([['order-a@0'], ['order-a@1', 'order-b@0', 'order-b@1']]);
    expect(maxActive).toBe(1);
  });

  it('pauses the server stream while the queue is full and resumes when it drains', async () => {
    const first = gate();
    let delivered = 0;
    const { subscriptions } = subscribe(
      {
        async onEvents(events) {
          if (delivered === 0) await first.opened;
          delivered += events.length;
        },
      },
      { batchSize: 2 },
    );
    await until(() => subscriptions.length === 1);
    const server = subscriptions[0]!;
    server.send(...Array.from({ length: 10 }, (_, i) => ({ stream: 'order-a', revision: i, commit: (i + 1) * 10 })));
    await until(() => server.isPaused());
    first.open();
    await until(() => delivered === 10);
    expect(server.isPaused()).toBe(false);
  });

  it('delivers a checkpoint only after the events received before it, with the prepare position', async () => {
    const first = gate();
    const calls: string[] = [];
    const { subscriptions } = subscribe({
      async onEvents(events) {
        calls.push(`events ${events.map((e) => e.position).join(',')}`);
        if (calls.length === 1) await first.opened;
      },
      onCheckpoint: (position) => void calls.push(`checkpoint ${position}`),
    });
    await until(() => subscriptions.length === 1);
    const server = subscriptions[0]!;
    server.send({ stream: 'order-a', revision: 0, commit: 10 });
    await until(() => calls.length === 1);
    server.send({ stream: 'order-a', revision: 1, commit: 20 });
    const checkpointed = server.checkpoint(50);
    await tick();
    first.open();
    await checkpointed;
    await until(() => calls.length === 3);
    expect(calls).toEqual(['events 10', 'events 20', 'checkpoint 50']);
  });

  it('reports caught-up once, at the position handled when the server says so', async () => {
    const caughtUp: number[] = [];
    const { subscriptions } = subscribe({ onEvents: () => undefined, onCaughtUp: (position) => void caughtUp.push(position) });
    await until(() => subscriptions.length === 1);
    subscriptions[0]!.send({ stream: 'order-a', revision: 0, commit: 10 });
    subscriptions[0]!.emit('caughtUp');
    await until(() => caughtUp.length === 1);
    subscriptions[0]!.emit('caughtUp');
    await tick();
    expect(caughtUp).toEqual([10]);
  });

  it('reports caught-up from the head position when the server sends no signal (before 23.10)', async () => {
    const caughtUp: number[] = [];
    const { subscriptions } = subscribe(
      { onEvents: () => undefined, onCaughtUp: (position) => void caughtUp.push(position) },
      { head: 20 },
    );
    await until(() => subscriptions.length === 1);
    subscriptions[0]!.send({ stream: 'order-a', revision: 0, commit: 10 });
    await tick();
    expect(caughtUp).toEqual([]);
    subscriptions[0]!.send({ stream: 'order-a', revision: 1, commit: 20 });
    await until(() => caughtUp.length === 1);
    expect(caughtUp).toEqual([20]);
  });

  it('resubscribes after a drop (e.g. UNAVAILABLE) from the last handled position, with back-off, skipping what was handled', async () => {
    const received: RecordedEvent[] = [];
    const errors: unknown[] = [];
    const { subscriptions, drops } = subscribe({
      onEvents: (events) => void received.push(...events),
      onError: (e) => void errors.push(e),
    });
    await until(() => subscriptions.length === 1);
    subscriptions[0]!.send({ stream: 'order-a', revision: 0, commit: 10 }, { stream: 'order-a', revision: 1, commit: 10, prepare: 15 });
    await until(() => received.length === 2);
    subscriptions[0]!.emit('error', Object.assign(new Error('14 UNAVAILABLE: No connection established'), { type: 'unavailable' }));
    await until(() => subscriptions.length === 2);
    expect(drops).toEqual([1]);
    expect(subscriptions[1]!.fromPosition).toEqual({ commit: 10n, prepare: 15n } satisfies Position);
    // the server starts at the append's commit position: the handled events come again and are skipped
    subscriptions[1]!.send({ stream: 'order-a', revision: 0, commit: 10 }, { stream: 'order-a', revision: 1, commit: 10, prepare: 15 });
    subscriptions[1]!.send({ stream: 'order-a', revision: 2, commit: 30 });
    await until(() => received.length === 3);
    await tick();
    expect(received.map((e) => e.position)).toEqual([10, 15, 30]);
    expect(errors).toEqual([]);
    expect(subscriptions[0]!.unsubscribed).toBe(true);
  });

  it('stops and reports to onError when the handler fails (no resubscription)', async () => {
    const failure = new Error('handler failed');
    const errors: unknown[] = [];
    const { subscriptions } = subscribe({
      onEvents() {
        throw failure;
      },
      onError: (error) => void errors.push(error),
    });
    await until(() => subscriptions.length === 1);
    subscriptions[0]!.send({ stream: 'order-a', revision: 0, commit: 10 });
    await until(() => errors.length === 1);
    await tick();
    expect(errors).toEqual([failure]);
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]!.unsubscribed).toBe(true);
  });

  it('skips system events and streams outside the prefixes', async () => {
    const received: string[] = [];
    const { subscriptions } = subscribe({ onEvents: (events) => void received.push(...events.map((e) => e.streamId)) });
    await until(() => subscriptions.length === 1);
    subscriptions[0]!.send(
      { stream: '$stats-1', revision: 0, commit: 5 },
      { stream: 'contact-1', revision: 0, commit: 6 },
      { stream: 'order-1', revision: 0, commit: 7 },
    );
    await until(() => received.length === 1);
    expect(received).toEqual(['order-1']);
  });

  it('stop() waits for the in-flight batch', async () => {
    const first = gate();
    let finished = false;
    const { subscription, subscriptions } = subscribe({
      async onEvents() {
        await first.opened;
        finished = true;
      },
    });
    await until(() => subscriptions.length === 1);
    subscriptions[0]!.send({ stream: 'order-a', revision: 0, commit: 10 });
    await tick();
    const stopped = subscription.stop();
    setTimeout(first.open, 20);
    await stopped;
    expect(finished).toBe(true);
  });

  it('an event the adapter cannot map stops the subscription and is reported to onError, never thrown into the client stream', async () => {
    const received: number[] = [];
    const errors: unknown[] = [];
    const escaped: unknown[] = [];
    const { subscriptions, drops } = subscribe({
      onEvents: (events) => void received.push(...events.map((e) => e.position)),
      onError: (error) => void errors.push(error),
    });
    await until(() => subscriptions.length === 1);
    const server = subscriptions[0]!;
    try {
      // a position beyond 2^53 cannot be the port's number: the data listener's mapping throws
      server.send({ stream: 'order-a', revision: 0, commit: 10 }, { stream: 'order-a', revision: 1, commit: 2 ** 60 });
      server.send({ stream: 'order-a', revision: 2, commit: 30 });
    } catch (error) {
      escaped.push(error); // where the client's transform would turn it into an unhandled rejection
    }
    await until(() => errors.length === 1);
    await tick();
    expect(escaped).toEqual([]);
    expect(errors[0]).toBeInstanceOf(RangeError);
    expect(received).toEqual([10]); // the events before it are handled, none after it
    expect(drops).toEqual([]);
    expect(subscriptions).toHaveLength(1);
    expect(server.unsubscribed).toBe(true);
  });

  it('asks the server for a filter checkpoint every 32 search windows', async () => {
    const { subscriptions } = subscribe({ onEvents: () => undefined });
    await until(() => subscriptions.length === 1);
    expect(FILTER_CHECKPOINT_INTERVAL).toBe(32);
    expect(subscriptions[0]!.serverFilter?.checkpointInterval).toBe(32);
  });

  it('queues a checkpoint behind the events still buffered in the client stream without polling a timer', async () => {
    const calls: string[] = [];
    const { subscriptions } = subscribe({
      onEvents: (events) => void calls.push(`events ${events.map((e) => e.position).join(',')}`),
      onCheckpoint: (position) => void calls.push(`checkpoint ${position}`),
    });
    await until(() => subscriptions.length === 1);
    const server = subscriptions[0]!;
    server.pause();
    server.send({ stream: 'order-a', revision: 0, commit: 10 }); // read by the client, not yet emitted
    expect(server.readableLength).toBe(1);
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval'] });
    try {
      let queued = false;
      const checkpointed = server.checkpoint(50).then(() => (queued = true));
      server.resume();
      for (let i = 0; i < 20 && calls.length < 2; i++) await new Promise((resolve) => setImmediate(resolve));
      expect(queued).toBe(true);
      expect(calls).toEqual(['events 10', 'checkpoint 50']);
      await checkpointed;
    } finally {
      vi.useRealTimers();
    }
  });
});
