import { encodeVersionTag } from '@orders/domain';
import {
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadStreamOptions,
  WrongExpectedVersionError,
} from '@orders/event-store';
import { describe, expect, it } from 'vitest';
import { memoryEventStores } from './testing/memory-event-store';
import { ApplicationError } from './application-error';
import { idempotencyScope } from './idempotency';
import { assertIfMatch } from './if-match';
import { type DecidedEvent, type StreamCommand, StreamCommandRunner } from './stream-command';

/** A tiny stream for the loop: the state is how many `Counted` events it has. */
interface Counter {
  count: number;
}

const openStore = memoryEventStores();

/**
 * A real embedded store (in memory) whose appends are recorded, as are the events each read returned,
 * and two runners on it: two processes.
 */
function given() {
  const store = openStore();
  const appends: { streamId: string; expectedRevision: ExpectedRevision }[] = [];
  const reads: number[] = [];
  const spied = new Proxy(store, {
    get(target, name, receiver) {
      if (name === 'readStream') {
        return async (streamId: string, options?: ReadStreamOptions) => {
          const events = await target.readStream(streamId, options);
          reads.push(events.length);
          return events;
        };
      }
      if (name !== 'appendToStream') return Reflect.get(target, name, receiver) as unknown;
      return (streamId: string, events: readonly NewEvent[], options: { expectedRevision: ExpectedRevision }) => {
        appends.push({ streamId, expectedRevision: options.expectedRevision });
        return target.appendToStream(streamId, events, options);
      };
    },
  }) as EventStore;
  return { store, appends, reads, runner: new StreamCommandRunner(spied), other: new StreamCommandRunner(store) };
}

const counted: DecidedEvent = { type: 'Counted', data: {} };

type Decide = (state: Counter) => readonly DecidedEvent[] | Promise<readonly DecidedEvent[]>;

function count(decide: Decide, extra: Partial<StreamCommand<Counter, number>> = {}) {
  const command: StreamCommand<Counter, number> = {
    streamId: 'counter-1',
    fold: (events, from) => ({
      state: { count: (from?.state.count ?? 0) + events.length },
      revision: events.at(-1)?.revision ?? from?.revision ?? null,
    }),
    decide,
    metadata: (index, revision) => ({ correlationId: 'c', at: revision + index }),
    accepted: (_state, revision) => revision,
    ...extra,
  };
  return command;
}

const caught = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('StreamCommandRunner', () => {
  it('given no stream, when a command appends, then it expects no_stream; the next one the exact revision', async () => {
    const { store, appends, runner } = given();

    expect(await runner.run(count(() => [counted]))).toBe(0);
    expect(await runner.run(count(() => [counted, counted]))).toBe(1);

    expect(appends).toEqual([
      { streamId: 'counter-1', expectedRevision: 'no_stream' },
      { streamId: 'counter-1', expectedRevision: 0 },
    ]);
    expect((await store.readStream('counter-1')).map((e) => e.metadata.at)).toEqual([0, 1, 2]);
  });

  it('events appended without an Idempotency-Key get time-ordered ids (UUID v7), in the order they were decided', async () => {
    const { store, runner } = given();

    await runner.run(count(() => [counted, counted]));
    await runner.run(count(() => [counted]));

    const ids = (await store.readStream('counter-1')).map((e) => e.id);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(3);
  });

  it('given another process writes between read and append, then the command is re-read and re-decided', async () => {
    const { store, runner, other } = given();
    const seen: number[] = [];

    const revision = await runner.run(
      count(async (state) => {
        seen.push(state.count);
        if (seen.length === 1) await other.run(count(() => [counted]));
        return [counted];
      }),
    );

    expect(seen).toEqual([0, 1]);
    expect(revision).toBe(1);
    expect(await store.readStream('counter-1')).toHaveLength(2);
  });

  it('given a conflict on every attempt, then it gives up after maxAttempts with the conflict', async () => {
    const { store, runner, other } = given();
    let decided = 0;

    const error = await caught(
      runner.run(
        count(
          async () => {
            decided++;
            await other.run(count(() => [counted]));
            return [counted];
          },
          { maxAttempts: 3 },
        ),
      ),
    );

    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(decided).toBe(3);
    expect(await store.readStream('counter-1')).toHaveLength(3); // only the other process's events
  });

  it('given a change under an Idempotency-Key, a retry gets the original change back and writes nothing', async () => {
    const { store, runner } = given();
    const scope = idempotencyScope({ apiKeyName: 'shop', idempotencyKey: 'k' }, { add: 1 })!;
    const idempotent = { idempotency: { scope, replay: (earlier: { revision: number }) => earlier.revision } };
    await runner.run(count(() => [counted]));
    let decided = 0;
    const decide = () => (decided++, [counted]);

    const first = await runner.run(count(decide, idempotent));
    const retry = await runner.run(count(decide, idempotent));

    expect([first, retry, decided]).toEqual([1, 1, 1]);
    expect((await store.readStream('counter-1'))[1]!.metadata).toMatchObject({ idempotencyKey: 'k', requestHash: scope.requestHash });
  });

  it('given a key used for one request, when another request comes with it, then IDEMPOTENCY_KEY_REUSED and nothing written', async () => {
    const { store, runner } = given();
    const under = (request: unknown) => ({
      idempotency: { scope: idempotencyScope({ apiKeyName: 'shop', idempotencyKey: 'k' }, request)!, replay: () => -1 },
    });
    await runner.run(count(() => [counted], under({ add: 1 })));

    const error = await caught(runner.run(count(() => [counted], under({ add: 2 }))));

    expect(error).toBeInstanceOf(ApplicationError);
    expect(error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await store.readStream('counter-1')).toHaveLength(1);
  });

  it('given an If-Match precondition that does not hold, then PRECONDITION_FAILED before deciding, and nothing written', async () => {
    const { store, runner } = given();
    await runner.run(count(() => [counted]));
    await runner.run(count(() => [counted]));
    let decided = 0;
    const ifMatch = (header: string) => ({ precondition: (state: Counter) => assertIfMatch(header, 'o-1', state.count - 1) });

    const stale = await caught(runner.run(count(() => (decided++, [counted]), ifMatch(`"${encodeVersionTag('o-1', 0)}"`))));
    const current = await runner.run(count(() => (decided++, [counted]), ifMatch(`"${encodeVersionTag('o-1', 1)}"`)));

    expect(stale).toMatchObject({ code: 'PRECONDITION_FAILED', currentVersionTag: encodeVersionTag('o-1', 1) });
    expect([current, decided]).toEqual([2, 1]);
    expect(await store.readStream('counter-1')).toHaveLength(3);
  });

  it('given nothing to write, then nothing is appended and the answer comes from the state', async () => {
    const { appends, runner } = given();

    expect(await runner.run(count(() => [], { accepted: (state) => state.count }))).toBe(0);
    expect(appends).toEqual([]);
  });

  it('given concurrent commands on one stream in one process, then they queue instead of conflicting', async () => {
    const { store, appends, runner } = given();

    await Promise.all(Array.from({ length: 5 }, () => runner.run(count(() => [counted]))));

    expect(appends.map((a) => a.expectedRevision)).toEqual(['no_stream', 0, 1, 2, 3]);
    expect(await store.readStream('counter-1')).toHaveLength(5);
  });

  it('given a long stream, a command reads only the events after the fold it kept, not the whole stream again', async () => {
    const { reads, runner } = given();
    for (let i = 0; i < 20; i++) await runner.run(count(() => [counted]));
    reads.length = 0;

    let seen = -1;
    expect(await runner.run(count((state) => ((seen = state.count), [counted])))).toBe(20);

    expect(seen).toBe(20);
    expect(reads).toEqual([1]); // the one event the previous command appended
  });

  it('given a kept fold, what another process appended since is read and folded in before deciding (never stale)', async () => {
    const { appends, runner, other } = given();
    await runner.run(count(() => [counted]));
    await other.run(count(() => [counted, counted]));

    let seen = -1;
    expect(await runner.run(count((state) => ((seen = state.count), [counted])))).toBe(3);

    expect(seen).toBe(3);
    expect(appends.at(-1)).toEqual({ streamId: 'counter-1', expectedRevision: 2 });
  });

  it('given many changes after a keyed one, a retry under the key is still answered from the kept keys, reading only the tail', async () => {
    const { store, reads, runner } = given();
    const scope = idempotencyScope({ apiKeyName: 'shop', idempotencyKey: 'k' }, { add: 1 })!;
    const idempotent = { idempotency: { scope, replay: (earlier: { revision: number }) => earlier.revision } };
    await runner.run(count(() => [counted], idempotent));
    for (let i = 0; i < 10; i++) await runner.run(count(() => [counted]));
    reads.length = 0;

    expect(await runner.run(count(() => [counted], idempotent))).toBe(0);
    const other = idempotencyScope({ apiKeyName: 'shop', idempotencyKey: 'k' }, { add: 2 })!;
    const refused = await caught(runner.run(count(() => [counted], { idempotency: { scope: other, replay: () => -1 } })));

    expect(refused).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(reads).toEqual([1, 0]);
    expect(await store.readStream('counter-1')).toHaveLength(11);
  });

  it('a key used by another process after the fold was kept is found in the tail', async () => {
    const { runner, other } = given();
    const scope = idempotencyScope({ apiKeyName: 'shop', idempotencyKey: 'k2' }, { add: 1 })!;
    const idempotent = { idempotency: { scope, replay: (earlier: { revision: number }) => earlier.revision } };
    await runner.run(count(() => [counted]));
    expect(await other.run(count(() => [counted], idempotent))).toBe(1);

    let decided = 0;
    expect(await runner.run(count(() => (decided++, [counted]), idempotent))).toBe(1);
    expect(decided).toBe(0);
  });

  it('given expectNew and no stream, then nothing is read and the append expects no_stream', async () => {
    const { appends, reads, runner } = given();

    expect(await runner.run(count(() => [counted], { expectNew: true }))).toBe(0);

    expect(reads).toEqual([]);
    expect(appends).toEqual([{ streamId: 'counter-1', expectedRevision: 'no_stream' }]);
  });

  it('given expectNew but the stream exists (another process wrote it), then the conflict falls back to read and decide', async () => {
    const { store, appends, reads, runner, other } = given();
    await other.run(count(() => [counted, counted]));
    const seen: number[] = [];

    const revision = await runner.run(count((state) => (seen.push(state.count), [counted]), { expectNew: true, maxAttempts: 1 }));

    expect(seen).toEqual([0, 2]); // decided on the empty state first, then on what the stream holds
    expect(revision).toBe(2);
    expect(reads).toEqual([2]);
    expect(appends.map((a) => a.expectedRevision)).toEqual(['no_stream', 1]);
    expect(await store.readStream('counter-1')).toHaveLength(3);
  });

  it('given expectNew with an Idempotency-Key, then the stream is read first (a retry must find its change)', async () => {
    const { reads, runner } = given();
    const scope = idempotencyScope({ apiKeyName: 'shop', idempotencyKey: 'k' }, { add: 1 })!;
    const idempotent = { expectNew: true, idempotency: { scope, replay: (earlier: { revision: number }) => earlier.revision } };

    expect(await runner.run(count(() => [counted], idempotent))).toBe(0);
    expect(await runner.run(count(() => [counted], idempotent))).toBe(0);

    expect(reads.length).toBeGreaterThanOrEqual(2);
  });
});
