import { describe, expect, it } from 'vitest';
import { NO_STREAM, STREAM_EXISTS, ANY, WrongExpectedVersionError as EsdbWrongExpectedVersionError } from '@eventstore/db-client';
import { WrongExpectedVersionError } from '../event-store.port';
import { describeEventStoreContract } from '../testing';
import { isSystemEvent, mapAppendError, matchesPrefixes, toEsdbExpectedRevision, toPortPosition, toRecordedEvent } from './esdb-mapping';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { retryDelayMs } from './retry-policy';

const url = process.env.EVENTSTORE_URL?.trim();
const SUITE = 'EventStore contract: eventstoredb';

if (!url) {
  console.info(`[skipped] ${SUITE} (EVENTSTORE_URL) — EVENTSTORE_URL is not set (run \`npm run test:distributed\` against a server)`);
}

describe.skipIf(!url)(`${SUITE} (EVENTSTORE_URL)`, () => {
  describeEventStoreContract('eventstoredb', async () => {
    const store = await EventStoreDbEventStore.connect(url ?? '');
    return { store, cleanup: () => store.close() };
  });
});

describe('EventStoreDB adapter: mapping (no server)', () => {
  it('maps expected revisions to the client constants and BigInt', () => {
    expect(toEsdbExpectedRevision('any')).toBe(ANY);
    expect(toEsdbExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision('stream_exists')).toBe(STREAM_EXISTS);
    expect(toEsdbExpectedRevision(7)).toBe(7n);
    expect(() => toEsdbExpectedRevision(-1)).toThrow(/expected revision/);
    expect(() => toEsdbExpectedRevision(1.5)).toThrow(/expected revision/);
  });

  it("maps the client's WrongExpectedVersionError to the port's with the actual revision", () => {
    const existing = new EsdbWrongExpectedVersionError(undefined, { streamName: 'order-1', expected: 1n, current: 4n });
    const missing = new EsdbWrongExpectedVersionError(undefined, { streamName: 'order-2', expected: STREAM_EXISTS, current: NO_STREAM });
    expect(mapAppendError(existing, 'order-1', 1)).toMatchObject({
      code: 'WRONG_EXPECTED_VERSION',
      streamId: 'order-1',
      expected: 1,
      actual: 4,
    });
    expect(mapAppendError(existing, 'order-1', 1)).toBeInstanceOf(WrongExpectedVersionError);
    expect(mapAppendError(missing, 'order-2', 'stream_exists')).toMatchObject({ expected: 'stream_exists', actual: 'no_stream' });
    const other = new Error('unavailable');
    expect(mapAppendError(other, 's', 'any')).toBe(other);
  });

  it("uses the prepare position as the port's position and refuses positions beyond 2^53", () => {
    expect(toPortPosition({ commit: 100n, prepare: 164n })).toBe(164);
    expect(() => toPortPosition({ commit: 1n, prepare: 2n ** 60n })).toThrow(RangeError);
  });

  it('converts recorded events (JSON and binary metadata) to the port shape', () => {
    const created = new Date('2026-01-02T03:04:05.678Z');
    const base = { streamId: 'order-1', id: 'e1', revision: 3n, type: 'OrderRegistered', created, position: { commit: 10n, prepare: 12n } };
    const json = toRecordedEvent({ ...base, isJson: true, data: { a: 1 }, metadata: { correlationId: 'c' } } as never);
    expect(json).toEqual({
      id: 'e1',
      streamId: 'order-1',
      revision: 3,
      position: 12,
      type: 'OrderRegistered',
      data: { a: 1 },
      metadata: { correlationId: 'c' },
      createdAt: '2026-01-02T03:04:05.678Z',
    });
    const bytes = toRecordedEvent({ ...base, isJson: true, data: { a: 1 }, metadata: Buffer.from('{"schemaVersion":2}') } as never);
    expect(bytes.metadata).toEqual({ schemaVersion: 2 });
    expect(toRecordedEvent({ ...base, isJson: true, data: {}, metadata: undefined } as never).metadata).toEqual({});
    expect(() => toRecordedEvent({ ...base, position: undefined, isJson: true, data: {}, metadata: {} } as never)).toThrow(/position/);
  });

  it('recognises system events and literal stream prefixes', () => {
    expect(isSystemEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' })).toBe(true);
    expect(isSystemEvent({ streamId: 'order-1', type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ streamId: 'order-1', type: 'OrderRegistered' })).toBe(false);
    expect(matchesPrefixes('order-1', ['order-'])).toBe(true);
    expect(matchesPrefixes('orders-1', ['order-'])).toBe(false);
    expect(matchesPrefixes('anything', [])).toBe(true);
    expect(matchesPrefixes('anything', undefined)).toBe(true);
  });

  it('backs off exponentially up to a cap', () => {
    const policy = { initialDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5, 50].map((attempt) => retryDelayMs(attempt, policy))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(retryDelayMs(0, policy)).toBe(100);
  });

  it('rejects a malformed connection string without connecting', () => {
    expect(() => EventStoreDbEventStore.fromConnectionString('http://nope')).toThrow();
  });

  it('fails connect() within the timeout when nothing listens', async () => {
    await expect(EventStoreDbEventStore.connect('esdb://127.0.0.1:1?tls=false', { connectTimeoutMs: 1500 })).rejects.toThrow();
  });
});
