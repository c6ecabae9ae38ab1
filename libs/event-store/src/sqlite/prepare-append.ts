import type { ExpectedRevision, NewEvent } from '../event-store.port';
import type { PreparedAppend } from './append-writer';

/** Validates an append and serializes its JSON before it is queued, so a bad append fails alone and early. */
export function prepareAppend(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): PreparedAppend {
  if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('streamId must be a non-empty string');
  if (!isExpectedRevision(expected)) {
    throw new TypeError(`invalid expected revision ${String(expected)}: 'any', 'no_stream', 'stream_exists' or an integer >= 0`);
  }
  if (!Array.isArray(events)) throw new TypeError('events must be an array');
  const ids = new Set<string>();
  const prepared = events.map((event: NewEvent, index) => {
    if (typeof event?.id !== 'string' || event.id.length === 0) throw new TypeError(`events[${index}].id must be a non-empty string`);
    if (ids.has(event.id)) throw new TypeError(`events[${index}].id ${event.id} appears twice in one append`);
    ids.add(event.id);
    if (typeof event.type !== 'string' || event.type.length === 0) throw new TypeError(`events[${index}].type must be a non-empty string`);
    return {
      id: event.id,
      type: event.type,
      data: serializeObject(event.data, `events[${index}].data`),
      metadata: serializeObject(event.metadata ?? {}, `events[${index}].metadata`),
    };
  });
  return { streamId, expected, events: prepared };
}

function isExpectedRevision(value: unknown): value is ExpectedRevision {
  return (
    value === 'any' ||
    value === 'no_stream' ||
    value === 'stream_exists' ||
    (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)
  );
}

function serializeObject(value: unknown, name: string): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError(`${name} must be a JSON object`);
  return JSON.stringify(value); // throws on cycles and BigInt
}
