import {
  ANY,
  type AppendExpectedRevision,
  type CurrentRevision,
  type EventData,
  jsonEvent,
  NO_STREAM,
  type Position,
  type RecordedEvent as EsdbRecordedEvent,
  STREAM_EXISTS,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  type EventMetadata,
  type ExpectedRevision,
  type JsonObject,
  type NewEvent,
  type RecordedEvent,
  WrongExpectedVersionError,
} from '../event-store.port';

/**
 * Positions. The port's position is one number; EventStoreDB's is `{ commit, prepare }`, ordered by
 * commit then prepare. All events of one append share a commit position (the position of the
 * append's first record), so the commit position alone is not unique and cannot be "strictly
 * increasing per event" as the port requires. The prepare position is unique per event and, for
 * appends made over gRPC (whose events the single writer stores contiguously; legacy TCP explicit
 * transactions are not used), increases in the same order as `$all`. The port's number is therefore
 * the PREPARE position; the commit position needed to start a read is looked up (see
 * EsdbPositionResolver). Both are byte offsets in the transaction log: below 2^53 (8 PiB) in practice,
 * checked on conversion.
 */
export function toPortPosition(position: Position): number {
  const value = Number(position.prepare);
  if (!Number.isSafeInteger(value)) throw new RangeError(`EventStoreDB position ${position.prepare} exceeds 2^53`);
  return value;
}

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new TypeError(`invalid expected revision ${String(expected)}: 'any', 'no_stream', 'stream_exists' or an integer >= 0`);
  }
  return BigInt(expected);
}

export function toPortActual(current: CurrentRevision): number | 'no_stream' {
  return current === NO_STREAM ? 'no_stream' : Number(current);
}

/** The client's WrongExpectedVersionError as the port's one (with the actual revision), anything else unchanged. */
export function mapAppendError(error: unknown, streamId: string, expected: ExpectedRevision): unknown {
  if (error instanceof EsdbWrongExpectedVersionError) {
    return new WrongExpectedVersionError(streamId, expected, toPortActual(error.actualVersion));
  }
  return error;
}

export function toEventData(event: NewEvent, index: number): EventData {
  if (typeof event?.id !== 'string' || event.id.length === 0) throw new TypeError(`events[${index}].id must be a non-empty string`);
  if (typeof event.type !== 'string' || event.type.length === 0) throw new TypeError(`events[${index}].type must be a non-empty string`);
  assertJsonObject(event.data, `events[${index}].data`);
  const metadata = event.metadata ?? {};
  assertJsonObject(metadata, `events[${index}].metadata`);
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata });
}

function assertJsonObject(value: unknown, name: string): asserts value is JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError(`${name} must be a JSON object`);
  JSON.stringify(value); // throws on cycles and BigInt, like the embedded adapter
}

/** A recorded event of the client as the port's; `position` must be known (reads of $all, or servers ≥ 22.6). */
export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  if (!event.position)
    throw new Error(`EventStoreDB did not report the position of ${event.streamId}@${event.revision} (server older than 22.6?)`);
  return {
    id: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: toPortPosition(event.position),
    type: event.type,
    data: asObject(event.isJson ? event.data : decodeJson(event.data)),
    metadata: asObject(decodeMetadata(event.metadata)) as EventMetadata,
    createdAt: event.created.toISOString(),
  };
}

function decodeMetadata(metadata: unknown): unknown {
  if (metadata === undefined || metadata === null) return {};
  if (metadata instanceof Uint8Array) return metadata.length === 0 ? {} : decodeJson(metadata);
  return metadata;
}

function decodeJson(bytes: unknown): unknown {
  if (!(bytes instanceof Uint8Array)) return bytes;
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
  } catch {
    return {};
  }
}

function asObject(value: unknown): JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}

/** True for events of EventStoreDB itself (system streams, `$`-types such as `$metadata`), never ours. */
export function isSystemEvent(event: { streamId: string; type: string }): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}

export function matchesPrefixes(streamId: string, prefixes: readonly string[] | undefined): boolean {
  return !prefixes || prefixes.length === 0 || prefixes.some((prefix) => streamId.startsWith(prefix));
}
