import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent, SubscribeOptions } from '../event-store.port';
import { sleep, waitFor } from '../testing/contract-helpers';
import { SqliteSubscription, type SubscriptionSource } from './subscription';

/** An in-memory log: `commit()` appends events and emits 'committed' with the new head, as the store does. */
function memoryLog() {
  const events: RecordedEvent[] = [];
  let headQueries = 0;
  const changes = new EventEmitter();
  const source: SubscriptionSource = {
    readRange: (after, upTo, _filter, limit) =>
      events.filter((e) => e.position > after && e.position <= upTo).slice(0, limit < 0 ? undefined : limit),
    headPosition: () => {
      headQueries++;
      return events.length;
    },
    changes,
  };
  const commit = (count = 1): void => {
    for (let i = 0; i < count; i++) {
      const position = events.length + 1;
      events.push({
        id: `e${position}`,
        streamId: 's',
        revision: position - 1,
        position,
        type: 'T',
        data: {},
        metadata: {},
        createdAt: '',
      });
    }
    changes.emit('committed', events.length);
  };
  return { source, commit, headQueries: () => headQueries };
}

function subscribe(source: SubscriptionSource, options: SubscribeOptions = {}) {
  const batches: number[][] = [];
  const errors: unknown[] = [];
  let caughtUp = false;
  const subscription = new SqliteSubscription(
    source,
    options,
    {
      onEvents: (events) => void batches.push(events.map((e) => e.position)),
      onCaughtUp: () => (caughtUp = true),
      onError: (error) => void errors.push(error),
    },
    60_000, // a minute: what is read before it ran out was woken by a commit
    () => undefined,
  );
  return { subscription, batches, errors, caughtUp: () => caughtUp };
}

describe('SqliteSubscription at the head', () => {
  it('takes the head from the commit notifications: the head is queried once, at the start, not per commit', async () => {
    const log = memoryLog();
    log.commit(2);
    const { subscription, batches, caughtUp } = subscribe(log.source);
    await waitFor(caughtUp);
    for (let i = 0; i < 20; i++) {
      log.commit();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor(() => batches.flat().length === 22, 2000, 'all 22 events');
    expect(batches.flat()).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(log.headQueries()).toBe(1);
    await subscription.stop();
  });

  it('stop() ends the wait for the next commit at once', async () => {
    const log = memoryLog();
    const { subscription, batches, caughtUp } = subscribe(log.source);
    await waitFor(caughtUp);
    log.commit();
    await waitFor(() => batches.length === 1);
    const started = performance.now();
    await subscription.stop();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(batches).toEqual([[1]]);
  });
});

describe('SqliteSubscription with liveReadIntervalMs', () => {
  const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  it('delivers the commits made within the interval after a read as one batch, once the interval is over', async () => {
    const log = memoryLog();
    const { subscription, batches, caughtUp } = subscribe(log.source, { liveReadIntervalMs: 2_000 });
    await waitFor(caughtUp);
    log.commit();
    await waitFor(() => batches.length === 1, 1_000, 'the first commit');
    for (let i = 0; i < 5; i++) {
      log.commit();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await sleep(200);
    expect(batches).toEqual([[1]]); // held: the last read was less than 2 s ago
    await waitFor(() => batches.length === 2, 5_000, 'the held commits');
    expect(batches).toEqual([[1], range(2, 6)]);
    await subscription.stop();
  });

  it('reads a commit after a quiet spell at once, and does not slow the catch-up', async () => {
    const log = memoryLog();
    log.commit(1_200);
    // a minute: a read that waited for the interval would not come within the waits below
    const { subscription, batches, caughtUp } = subscribe(log.source, { liveReadIntervalMs: 60_000, batchSize: 500 });
    await waitFor(caughtUp, 2_000, 'the catch-up');
    expect(batches.map((batch) => batch.length)).toEqual([500, 500, 200]);
    await subscription.stop();

    const quiet = memoryLog();
    const live = subscribe(quiet.source, { liveReadIntervalMs: 1_500 });
    await waitFor(live.caughtUp);
    quiet.commit();
    await waitFor(() => live.batches.length === 1, 1_000, 'the first commit, read at once');
    await sleep(1_700); // longer than the interval: the next commit comes after a quiet spell
    quiet.commit();
    await waitFor(() => live.batches.length === 2, 1_000, 'the commit after the quiet spell, read at once');
    expect(live.batches).toEqual([[1], [2]]);
    await live.subscription.stop();
  });

  it('stop() ends the hold at once; the held commits are not delivered', async () => {
    const log = memoryLog();
    const { subscription, batches, caughtUp } = subscribe(log.source, { liveReadIntervalMs: 60_000 });
    await waitFor(caughtUp);
    log.commit();
    await waitFor(() => batches.length === 1);
    log.commit(3);
    await sleep(50);
    const started = performance.now();
    await subscription.stop();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(batches).toEqual([[1]]);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects liveReadIntervalMs %s through onError', async (value) => {
    const log = memoryLog();
    const { errors, batches } = subscribe(log.source, { liveReadIntervalMs: value });
    log.commit();
    await waitFor(() => errors.length === 1, 1_000, 'the error');
    expect(String(errors[0])).toMatch(/liveReadIntervalMs must be a number >= 0/);
    expect(batches).toEqual([]);
  });
});
