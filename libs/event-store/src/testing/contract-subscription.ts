import { afterEach, describe, expect, it } from 'vitest';
import type { RecordedEvent, Subscription } from '../event-store.port';
import { type ContractContext, ids, newEvent, newEvents, sleep, uniquePrefix, waitFor } from './contract-helpers';

export function subscriptionContract(ctx: ContractContext): void {
  describe('subscribeToAll', () => {
    const subscriptions: Subscription[] = [];
    // stop whatever a test (or a failed test) left running before the store is cleaned up
    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((subscription) => subscription.stop()));
    });
    const collect = (prefix: string, fromPosition?: number) => {
      const state = { events: [] as RecordedEvent[], caughtUp: undefined as number | undefined, errors: [] as unknown[] };
      const subscription = ctx.store().subscribeToAll(
        { fromPosition, streamPrefixes: [prefix] },
        {
          onEvents: (events) => void state.events.push(...events),
          onCaughtUp: (position) => (state.caughtUp = position),
          onError: (error) => void state.errors.push(error),
        },
      );
      subscriptions.push(subscription);
      return { state, subscription };
    };

    it('catches up from an exclusive position, reports caught-up, then delivers live appends', async () => {
      const prefix = uniquePrefix();
      const stream = `${prefix}-a`;
      const [e1, e2, e3, e4] = newEvents(4);
      const first = await ctx.store().appendToStream(stream, [e1!], { expectedRevision: 'no_stream' });
      const second = await ctx.store().appendToStream(stream, [e2!, e3!], { expectedRevision: 0 });
      const { state, subscription } = collect(prefix, first.position);
      await waitFor(() => state.caughtUp !== undefined && state.events.length >= 2, 10_000, 'catch-up');
      expect(ids(state.events)).toEqual(ids([e2!, e3!]));
      expect(state.caughtUp).toBeGreaterThanOrEqual(second.position);
      await ctx.store().appendToStream(stream, [e4!], { expectedRevision: 2 });
      await waitFor(() => state.events.length === 3, 10_000, 'live event');
      expect(state.events[2]).toMatchObject({ id: e4!.id, streamId: stream, revision: 3 });
      await subscription.stop();
      await ctx.store().appendToStream(stream, newEvents(1), { expectedRevision: 3 });
      await sleep(400);
      expect(state.events).toHaveLength(3);
      expect(state.errors).toEqual([]);
    });

    // the only test reading the log from its start (slow on a big shared server, but it covers the default)
    it('catches up from the start and delivers only streams matching the prefix', async () => {
      const prefix = uniquePrefix();
      const other = uniquePrefix();
      for (let i = 0; i < 3; i++) {
        await ctx.store().appendToStream(`${prefix}-${i}`, newEvents(1));
        await ctx.store().appendToStream(`${other}-${i}`, newEvents(1));
      }
      const { state } = collect(prefix);
      await waitFor(() => state.events.length >= 3 && state.caughtUp !== undefined, 10_000, 'catch-up');
      await ctx.store().appendToStream(`${other}-x`, newEvents(2));
      await ctx.store().appendToStream(`${prefix}-x`, newEvents(1));
      await waitFor(() => state.events.length >= 4, 10_000, 'live event');
      await sleep(100);
      expect(state.events.map((e) => e.streamId)).toEqual([0, 1, 2, 'x'].map((s) => `${prefix}-${s}`));
    });

    it('delivers batches of at most batchSize, one at a time, in order', async () => {
      const prefix = uniquePrefix();
      const start = await ctx.store().headPosition();
      const events = newEvents(7);
      await ctx.store().appendToStream(`${prefix}-a`, events);
      const batches: number[] = [];
      const received: RecordedEvent[] = [];
      let active = 0;
      let maxActive = 0;
      const subscription = ctx.store().subscribeToAll(
        { fromPosition: start, streamPrefixes: [prefix], batchSize: 2 },
        {
          async onEvents(batch) {
            maxActive = Math.max(maxActive, ++active);
            batches.push(batch.length);
            await sleep(10);
            received.push(...batch);
            active--;
          },
        },
      );
      subscriptions.push(subscription);
      await waitFor(() => received.length === 7, 10_000, 'all events');
      expect(ids(received)).toEqual(ids(events));
      expect(batches.every((n) => n >= 1 && n <= 2)).toBe(true);
      expect(maxActive).toBe(1);
    });

    it('stop() resolves after the in-flight batch has been handled', async () => {
      const prefix = uniquePrefix();
      const start = await ctx.store().headPosition();
      await ctx.store().appendToStream(`${prefix}-a`, newEvents(3));
      let started = false;
      let finished = false;
      const subscription = ctx.store().subscribeToAll(
        { fromPosition: start, streamPrefixes: [prefix], batchSize: 1 },
        {
          async onEvents() {
            started = true;
            await sleep(150);
            finished = true;
          },
        },
      );
      await waitFor(() => started, 10_000, 'first batch');
      await subscription.stop();
      expect(finished).toBe(true);
    });

    it('stops and reports to onError when the handler fails', async () => {
      const prefix = uniquePrefix();
      const start = await ctx.store().headPosition();
      await ctx.store().appendToStream(`${prefix}-a`, newEvents(2));
      const failure = new Error('handler failed');
      const errors: unknown[] = [];
      let calls = 0;
      const subscription = ctx.store().subscribeToAll(
        { fromPosition: start, streamPrefixes: [prefix], batchSize: 1 },
        {
          onEvents() {
            calls++;
            throw failure;
          },
          onError: (error) => void errors.push(error),
        },
      );
      subscriptions.push(subscription);
      await waitFor(() => errors.length > 0, 10_000, 'onError');
      await ctx.store().appendToStream(`${prefix}-a`, [newEvent()]);
      await sleep(300);
      expect(errors).toEqual([failure]);
      expect(calls).toBe(1);
      await subscription.stop();
    });

    it('delivers only the wanted event types and reports checkpoints past the others', async () => {
      const prefix = uniquePrefix();
      const start = await ctx.store().headPosition();
      const wanted = newEvent('Wanted', { n: 1 });
      await ctx.store().appendToStream(`${prefix}-a`, [...newEvents(5, 'Other'), wanted]);
      const last = await ctx.store().appendToStream(`${prefix}-b`, newEvents(5, 'Other'));
      const received: RecordedEvent[] = [];
      const checkpoints: number[] = [];
      let caughtUp = false;
      const subscription = ctx.store().subscribeToAll(
        { fromPosition: start, streamPrefixes: [prefix], eventTypes: ['Wanted'] },
        {
          onEvents: (events) => void received.push(...events),
          onCheckpoint: (position) => void checkpoints.push(position),
          onCaughtUp: () => (caughtUp = true),
        },
      );
      subscriptions.push(subscription);
      await waitFor(() => caughtUp && received.length >= 1, 10_000, 'caught up');
      expect(ids(received)).toEqual([wanted.id]);
      expect(received[0]).toMatchObject({ type: 'Wanted', data: { n: 1 } });
      // the unwanted events after the last wanted one are read past: a checkpoint at (or beyond) the last of them
      await waitFor(() => Math.max(0, ...checkpoints) >= last.position, 10_000, 'checkpoint past the unwanted events');
      expect(checkpoints.every((p, i) => p > start && p > (checkpoints[i - 1] ?? 0))).toBe(true);
      const later = newEvent('Wanted', { n: 2 });
      await ctx.store().appendToStream(`${prefix}-c`, [newEvent('Other'), later]);
      await waitFor(() => received.length >= 2, 10_000, 'live wanted event');
      expect(ids(received)).toEqual([wanted.id, later.id]);
      await subscription.stop();
    });

    it('reports increasing checkpoints, if it reports any', async () => {
      const prefix = uniquePrefix();
      const other = uniquePrefix();
      const start = await ctx.store().headPosition();
      await ctx.store().appendToStream(`${other}-a`, newEvents(20));
      const checkpoints: number[] = [];
      let caughtUp = false;
      const subscription = ctx.store().subscribeToAll(
        { fromPosition: start, streamPrefixes: [prefix] },
        {
          onEvents: () => undefined,
          onCheckpoint: (position) => void checkpoints.push(position),
          onCaughtUp: () => (caughtUp = true),
        },
      );
      subscriptions.push(subscription);
      await waitFor(() => caughtUp, 10_000, 'caught up');
      expect(checkpoints.every((p, i) => p > start && p > (checkpoints[i - 1] ?? 0))).toBe(true);
      await subscription.stop();
    });
  });
}
