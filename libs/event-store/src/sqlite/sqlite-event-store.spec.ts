import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { WrongExpectedVersionError } from '../event-store.port';
import { describeEventStoreContract } from '../testing';
import { newEvent, newEvents, sleep, waitFor } from '../testing/contract-helpers';
import { SCHEMA_VERSION } from './schema';
import { SqliteEventStore } from './sqlite-event-store';
import { openTempStore } from './temp-store';

describeEventStoreContract('sqlite', () => openTempStore());

describe('SqliteEventStore', () => {
  const cleanups: (() => Promise<void>)[] = [];
  const temp = async (options?: Parameters<typeof openTempStore>[0]) => {
    const opened = await openTempStore(options);
    cleanups.push(opened.cleanup);
    return opened;
  };
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('creates a versioned WAL database, positions starting at 1 and dense', async () => {
    const { store, file } = await temp();
    await store.appendToStream('a', newEvents(2));
    await store.appendToStream('b', newEvents(1));
    expect((await store.readAll()).map((e) => e.position)).toEqual([1, 2, 3]);
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('refuses a database with a newer schema version', async () => {
    const { store, file } = await temp();
    await store.close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => SqliteEventStore.open({ file })).toThrow(/newer than supported/);
  });

  it('opened read-only: reads what another connection commits, refuses appends, never creates or migrates a file', async () => {
    const { store, file } = await temp();
    await store.appendToStream('a', newEvents(2));
    const reader = SqliteEventStore.open({ file, readonly: true });
    try {
      await store.appendToStream('a', newEvents(1));
      expect((await reader.readStream('a')).map((e) => e.revision)).toEqual([0, 1, 2]);
      await expect(reader.appendToStream('a', newEvents(1))).rejects.toThrow(/readonly/i);
    } finally {
      await reader.close();
    }
    expect(() => SqliteEventStore.open({ file: `${file}-missing`, readonly: true })).toThrow();
    const empty = new Database(`${file}-empty`);
    empty.close();
    expect(() => SqliteEventStore.open({ file: `${file}-empty`, readonly: true })).toThrow(/a read-only connection does not migrate/);
  });

  it('keeps everything across close and reopen, and continues the positions', async () => {
    const { store, file } = await temp();
    await store.appendToStream('order-1', newEvents(3), { expectedRevision: 'no_stream' });
    const before = await store.readAll();
    await store.close();
    const reopened = SqliteEventStore.open({ file });
    cleanups.push(() => reopened.close());
    expect(await reopened.readAll()).toEqual(before);
    expect(await reopened.headPosition()).toBe(3);
    const next = await reopened.appendToStream('order-1', newEvents(1), { expectedRevision: 2 });
    expect(next).toEqual({ nextExpectedRevision: 3, position: 4 });
  });

  it('close() writes queued appends, stops subscriptions and rejects later calls', async () => {
    const { store, file } = await temp();
    const pending = store.appendToStream('s', newEvents(1));
    let delivered = 0;
    store.subscribeToAll({}, { onEvents: (events) => void (delivered += events.length) });
    await store.close();
    await expect(pending).resolves.toEqual({ nextExpectedRevision: 0, position: 1 });
    await expect(store.appendToStream('s', newEvents(1))).rejects.toThrow(/closed/);
    await expect(store.readAll()).rejects.toThrow(/closed/);
    await store.close();
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 1 });
    raw.close();
    expect(delivered).toBeLessThanOrEqual(1);
  });

  it('lets an in-flight handler read while close() waits for it', async () => {
    const { store } = await temp();
    await store.appendToStream('s', newEvents(1));
    const errors: unknown[] = [];
    let started = false;
    let read = -1;
    store.subscribeToAll(
      {},
      {
        async onEvents() {
          started = true;
          await sleep(50);
          read = (await store.readStream('s')).length;
        },
        onError: (error) => void errors.push(error),
      },
    );
    await waitFor(() => started);
    await store.close();
    expect(read).toBe(1);
    expect(errors).toEqual([]);
  });

  it('an empty append to a missing stream gives revision -1 and position 0', async () => {
    const { store } = await temp();
    expect(await store.appendToStream('nope', [], { expectedRevision: 'no_stream' })).toEqual({ nextExpectedRevision: -1, position: 0 });
    await expect(store.appendToStream('nope', [], { expectedRevision: 'stream_exists' })).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(await store.headPosition()).toBe(0);
  });

  it('rejects invalid appends before queueing them', async () => {
    const { store } = await temp();
    const event = newEvent();
    await expect(store.appendToStream('s', [event, event])).rejects.toThrow(/twice/);
    await expect(store.appendToStream('s', [{ ...newEvent(), data: { n: 1n } }])).rejects.toThrow(TypeError);
    await expect(store.appendToStream('s', newEvents(1), { expectedRevision: -1 })).rejects.toThrow(/expected revision/);
    await expect(store.appendToStream('', newEvents(1))).rejects.toThrow(/streamId/);
    expect(await store.headPosition()).toBe(0);
  });

  it('an event id already stored in another stream is a conflict', async () => {
    const { store } = await temp();
    const event = newEvent();
    await store.appendToStream('a', [event]);
    await expect(store.appendToStream('b', [event], { expectedRevision: 'no_stream' })).rejects.toMatchObject({
      code: 'WRONG_EXPECTED_VERSION',
      streamId: 'b',
      actual: 'no_stream',
    });
  });

  it('wakes live subscriptions on local commits without waiting for the poll', async () => {
    const { store } = await temp({ pollIntervalMs: 60_000 });
    const received: string[] = [];
    let caughtUp = false;
    const subscription = store.subscribeToAll(
      {},
      {
        onEvents: (events) => void received.push(...events.map((e) => e.id)),
        onCaughtUp: () => (caughtUp = true),
      },
    );
    await waitFor(() => caughtUp);
    const event = newEvent();
    await store.appendToStream('s', [event]);
    // the poll interval is a minute: delivery within the wait proves the commit woke the subscription
    await waitFor(() => received.length === 1, 5000);
    expect(received).toEqual([event.id]);
    await subscription.stop();
  });

  it('sees appends made through another connection to the same file by polling', async () => {
    const { store, file } = await temp({ pollIntervalMs: 20 });
    const other = SqliteEventStore.open({ file });
    cleanups.push(() => other.close());
    const received: string[] = [];
    const subscription = store.subscribeToAll(
      { streamPrefixes: ['order-'] },
      {
        onEvents: (events) => void received.push(...events.map((e) => e.streamId)),
      },
    );
    await other.appendToStream('order-1', newEvents(1), { expectedRevision: 'no_stream' });
    await waitFor(() => received.length === 1, 2000, 'event from the other connection');
    await expect(store.appendToStream('order-1', newEvents(1), { expectedRevision: 'no_stream' })).rejects.toMatchObject({ actual: 0 });
    await subscription.stop();
  });

  it('moves filtered subscriptions past non-matching events with onCheckpoint', async () => {
    const { store } = await temp();
    await store.appendToStream('contact-1', newEvents(30));
    const checkpoints: number[] = [];
    let caughtUp: number | undefined;
    const subscription = store.subscribeToAll(
      { streamPrefixes: ['order-'] },
      {
        onEvents: () => undefined,
        onCheckpoint: (position) => void checkpoints.push(position),
        onCaughtUp: (position) => (caughtUp = position),
      },
    );
    await waitFor(() => caughtUp !== undefined);
    expect(checkpoints).toEqual([30]);
    expect(caughtUp).toBe(30);
    await subscription.stop();
  });

  it('reads prefixes byte-wise, including non-ASCII stream ids', async () => {
    const { store } = await temp();
    for (const stream of ['é-1', 'é', 'e-1', 'é😀-2', '😀']) await store.appendToStream(stream, newEvents(1));
    const streams = async (prefix: string) => (await store.readAll({ streamPrefixes: [prefix] })).map((e) => e.streamId);
    expect(await streams('é')).toEqual(['é-1', 'é', 'é😀-2']);
    expect(await streams('é😀')).toEqual(['é😀-2']);
    expect(await streams('😀')).toEqual(['😀']);
    expect(await streams('')).toHaveLength(5);
  });
});
