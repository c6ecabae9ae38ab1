import { v7 } from 'uuid';

/**
 * A new event's id: a UUID version 7 (RFC 9562), whose first 48 bits are the creation time in
 * milliseconds. Ids made one after another sort one after another, so the embedded store's
 * `UNIQUE(event_id)` index grows at its end instead of taking each id at a random leaf: a group commit
 * dirties one index page for its events, not one each (measured in docs/performance.md, "Time-ordered
 * event ids"). EventStoreDB takes any UUID. Ids derived from an Idempotency-Key (`idempotentEventId`)
 * stay as they are: they must be the same on every retry.
 */
export const newEventId = (): string => v7();
