import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../event-store.port';
import { waitFor } from '../testing/contract-helpers';
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

function subscribe(source: SubscriptionSource) {
  const batches: number[][] = [];
  let caughtUp = false;
  const subscription = new SqliteSubscription(
    source,
    {},
    { onEvents: (events) => void batches.push(events.map((e) => e.position)), onCaughtUp: () => (caughtUp = true) },
    60_000, // a minute: what is read before it ran out was woken by a commit
    () => undefined,
  );
  return { subscription, batches, caughtUp: () => caughtUp };
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
