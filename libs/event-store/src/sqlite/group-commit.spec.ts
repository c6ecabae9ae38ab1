import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { WrongExpectedVersionError } from '../event-store.port';
import { newEvent, newEvents } from '../testing/contract-helpers';
import { openTempStore } from './temp-store';

describe('SqliteEventStore group commit', () => {
  const cleanups: (() => Promise<void>)[] = [];
  const temp = async (options?: Parameters<typeof openTempStore>[0]) => {
    const opened = await openTempStore(options);
    cleanups.push(opened.cleanup);
    return opened;
  };
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('writes concurrent appends in far fewer transactions', async () => {
    const { store } = await temp();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => store.appendToStream(`s-${i}`, newEvents(2), { expectedRevision: 'no_stream' })),
    );
    expect(store.stats()).toEqual({ flushes: 1, appends: 200, events: 400 });
    expect(results.map((r) => r.position)).toEqual(Array.from({ length: 200 }, (_, i) => 2 * i + 2));
  });

  it('writes awaited appends one transaction each', async () => {
    const { store } = await temp();
    for (let i = 0; i < 5; i++) await store.appendToStream('s', newEvents(1));
    expect(store.stats()).toEqual({ flushes: 5, appends: 5, events: 5 });
  });

  it('caps the batch size', async () => {
    const { store } = await temp({ groupCommit: { maxAppends: 10 } });
    await Promise.all(Array.from({ length: 35 }, () => store.appendToStream('s', newEvents(1))));
    expect(store.stats()).toMatchObject({ flushes: 4, appends: 35 });
  });

  it('checks each append against the heads left by earlier appends of the batch; a conflict fails alone', async () => {
    const { store } = await temp();
    const outcomes = await Promise.allSettled([
      store.appendToStream('s', [newEvent()], { expectedRevision: 'no_stream' }),
      store.appendToStream('s', [newEvent()], { expectedRevision: 0 }),
      store.appendToStream('s', [newEvent()], { expectedRevision: 0 }),
      store.appendToStream('s', newEvents(2), { expectedRevision: 1 }),
      store.appendToStream('t', [newEvent()], { expectedRevision: 'stream_exists' }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect(outcomes[2]).toMatchObject({ reason: { expected: 0, actual: 1 } });
    expect((outcomes[4] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedVersionError);
    expect((await store.readStream('s')).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    expect(store.stats().flushes).toBe(1);
  });

  it('rolls back only the append whose insert fails inside the batch', async () => {
    const { store, file } = await temp();
    const raw = new Database(file);
    raw.exec(`CREATE TRIGGER poison BEFORE INSERT ON events WHEN NEW.type = 'Poison'
              BEGIN SELECT RAISE(ABORT, 'poisoned'); END`);
    raw.close();
    const outcomes = await Promise.allSettled([
      store.appendToStream('a', [newEvent(), newEvent('Poison')]),
      store.appendToStream('b', [newEvent()]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled']);
    expect(await store.readStream('a')).toEqual([]);
    expect((await store.readAll()).map((e) => e.streamId)).toEqual(['b']);
  });

  it('rejects the whole batch when the transaction cannot run, and recovers', async () => {
    const { store, file } = await temp({ busyTimeoutMs: 20 });
    const locker = new Database(file);
    locker.exec('BEGIN IMMEDIATE');
    const outcomes = await Promise.allSettled([store.appendToStream('a', newEvents(1)), store.appendToStream('b', newEvents(1))]);
    locker.exec('ROLLBACK');
    locker.close();
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(outcomes[0]).toMatchObject({ reason: { code: 'SQLITE_BUSY' } });
    expect(await store.appendToStream('a', newEvents(1), { expectedRevision: 'no_stream' })).toEqual({
      nextExpectedRevision: 0,
      position: 1,
    });
  });
});
