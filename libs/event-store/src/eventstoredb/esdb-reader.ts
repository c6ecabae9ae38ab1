import {
  BACKWARDS,
  END,
  type EventStoreDBClient,
  FORWARDS,
  type ReadStreamOptions as EsdbReadStreamOptions,
  type ResolvedEvent,
  START,
  StreamNotFoundError,
} from '@eventstore/db-client';
import type { ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../event-store.port';
import { isSystemEvent, matchesPrefixes, toPortPosition, toRecordedEvent } from './esdb-mapping';
import type { EsdbPositionResolver } from './esdb-positions';

/** bound of the small reads made before (re)subscribing, so that stop() never waits on a dead server */
const READ_DEADLINE_MS = 10_000;
/** records scanned backwards by headPosition() looking for the last non-system event */
const HEAD_SCAN = 200;

/** The port's reads on EventStoreDB: one stream, `$all` after a position, the head position. */
export class EsdbReader {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly resolver: EsdbPositionResolver,
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
      for await (const resolved of this.client.readStream(streamId, request) as AsyncIterable<ResolvedEvent>) {
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
   * filter (only subscriptions do), so `streamPrefixes` is applied here while reading forwards.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = optionalCount(options.maxCount, 'maxCount');
    if (limit === 0) return [];
    const start = await this.resolver.startAfter(optionalCount(options.fromPosition, 'fromPosition') ?? 0);
    const events: RecordedEvent[] = [];
    for await (const resolved of this.client.readAll({ direction: FORWARDS, fromPosition: start.fromPosition })) {
      const raw = resolved.event;
      if (!raw || isSystemEvent(raw) || !matchesPrefixes(raw.streamId, options.streamPrefixes)) continue;
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
    for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: HEAD_SCAN, deadline: READ_DEADLINE_MS })) {
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

function optionalCount(value: number | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer`);
  return value;
}
