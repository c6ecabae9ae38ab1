import { foldOrderEvents, makesNewVersion, toOrderEvent, toOrderEvents } from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';

/**
 * The order version a job's event produced or acted on, when the event alone tells: a change's own
 * revision (the domain's `makesNewVersion`), or the `version` an E7 action names. null for anything
 * else (a delete, an action without `version`): then it is the version the stream up to the event
 * folds to, see {@link versionAfter}.
 */
export function ownVersion(event: RecordedEvent): number | null {
  if (makesNewVersion(toOrderEvent(event))) return event.revision;
  const acted = event.data.version;
  if (event.type === 'OrderActionRequested' && typeof acted === 'number' && Number.isSafeInteger(acted) && acted >= 0) return acted;
  return null;
}

/**
 * The order version after the last of `events` (the stream read up to a job's event): the revision of
 * the last event that set the order's content — an action or a delete keeps the previous one, as the
 * history and `?versionTag=` see it. null when the stream has no content yet.
 */
export function versionAfter(events: readonly RecordedEvent[]): number | null {
  return foldOrderEvents(toOrderEvents(events)).version;
}
