import {
  BACKWARDS,
  END,
  type EventStoreDBClient,
  FORWARDS,
  type ReadStreamOptions as EsdbReadStreamOptions,
  type ResolvedEvent,
  START,
  type StreamingRead,
  StreamNotFoundError,
} from '@eventstore/db-client';
import { matchesEventTypes, type ReadAllOptions, type ReadStreamOptions, type RecordedEvent } from '../event-store.port';
import { isSystemEvent, matchesPrefixes, toPortPosition, toRecordedEvent } from './esdb-mapping';
import type { EsdbPositionResolver } from './esdb-positions';

/** bound of the small reads made before (re)subscribing, so that stop() never waits on a dead server */
export const READ_DEADLINE_MS = 10_000;
/**
 * bound of every readStream()/readAll() call of the port (a stalled server fails the read instead of
 * hanging it — e.g. the re-read after a multi-event append); generous, as a catch-up batch may be large
 */
export const CALL_DEADLINE_MS = 30_000;
/** records scanned backwards by headPosition() looking for the last non-system event */
const HEAD_SCAN = 200;

/** The port's reads on EventStoreDB: one stream, `$all` after a position, the head position. */
export class EsdbReader {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly resolver: EsdbPositionResolver,
    private readonly readDeadlineMs = READ_DEADLINE_MS,
    private readonly callDeadlineMs = CALL_DEADLINE_MS,
  ) {}

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = optionalCount(options.maxCount, 'maxCount');
    const from = optionalCount(options.fromRevision, 'fromRevision');
    const to = optionalCount(options.toRevision, 'toRevision');
    if (limit === 0) return [];
    const backwards = options.direction === 'backwards';
    const request: EsdbReadStreamOptions = {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: from === undefined ? (backwards ? END : START) : BigInt(from),
    };
    if (limit !== undefined) request.maxCount = limit;
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of endingCall(
        this.client.readStream(streamId, request) as StreamingRead<ResolvedEvent>,
        this.callDeadlineMs,
      )) {
        if (!resolved.event) continue;
        const revision = Number(resolved.event.revision);
        if (to !== undefined && (backwards ? revision < to : revision > to)) break;
        events.push(toRecordedEvent(resolved.event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  /**
   * `$all` after the exclusive position, without system events. The gRPC read of `$all` takes no
   * filter (only subscriptions do), so `streamPrefixes` and `eventTypes` are applied here while reading forwards.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = optionalCount(options.maxCount, 'maxCount');
    if (limit === 0) return [];
    const start = await this.resolver.startAfter(optionalCount(options.fromPosition, 'fromPosition') ?? 0);
    const events: RecordedEvent[] = [];
    for await (const resolved of endingCall(
      this.client.readAll({ direction: FORWARDS, fromPosition: start.fromPosition }),
      this.callDeadlineMs,
    )) {
      const raw = resolved.event;
      if (!raw || isSystemEvent(raw) || !matchesPrefixes(raw.streamId, options.streamPrefixes)) continue;
      if (!matchesEventTypes(raw.type, options.eventTypes)) continue;
      this.resolver.remember(raw.position);
      const event = toRecordedEvent(raw);
      if (event.position <= start.skipUpTo) continue;
      events.push(event);
      if (limit !== undefined && events.length >= limit) break;
    }
    return events;
  }

  /** Position of the last non-system event (the last records are often ESDB's own, e.g. `$stats-…`); 0 when none. */
  async headPosition(): Promise<number> {
    let fallback = 0;
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: HEAD_SCAN });
    for await (const resolved of endingCall(read, this.readDeadlineMs)) {
      const raw = resolved.event;
      if (!raw) continue;
      if (!isSystemEvent(raw)) {
        this.resolver.remember(raw.position);
        return toPortPosition(raw.position);
      }
      fallback ||= toPortPosition(raw.position);
    }
    return fallback;
  }
}

/**
 * Iterates a read of the client and ends its gRPC call when the loop is left early (break, return,
 * throw) or when `deadlineMs` has passed. Client 6.x does neither by itself: leaving a `for await`
 * destroys its ReadStream but leaves the call open — paused, never cancelled — and reads are sent with
 * `deadline: Infinity` whatever `deadline` option is given. Such a call stays among the server's
 * concurrent calls of the connection (the .NET client had the same bug, EventStore-Client-Dotnet#219),
 * so a rebuild reading batch after batch would pile them up until new calls wait.
 */
export async function* endingCall<T>(read: StreamingRead<T>, deadlineMs?: number): AsyncGenerator<T> {
  let finished = false;
  const timer =
    deadlineMs === undefined
      ? undefined
      : setTimeout(() => read.destroy(new Error(`EventStoreDB read did not finish within ${deadlineMs} ms`)), deadlineMs);
  try {
    for await (const item of read as AsyncIterable<T>) yield item;
    finished = true;
  } finally {
    clearTimeout(timer);
    if (!finished) await read.cancel().catch(() => undefined);
  }
}

function optionalCount(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer`);
  return value;
}
