import { foldOrderEvents, type OrderEvent } from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';

/** Events that are themselves a new version of the order (their revision is what the versionTag encodes). */
const NEW_VERSION_TYPES = new Set(['OrderRegistered', 'OrderReplaced', 'OrderStatusChanged', 'OrderDeliveryChanged']);

/**
 * The order version a job's event produced or acted on, when the event alone tells: a change's own
 * revision, or the `version` an E7 action names. null for anything else (a delete, an action without
 * `version`): then it is the version the stream up to the event folds to, see {@link versionAfter}.
 */
export function ownVersion(event: RecordedEvent): number | null {
  if (NEW_VERSION_TYPES.has(event.type)) return event.revision;
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
  return foldOrderEvents(events.map((e) => ({ event: { type: e.type, data: e.data } as OrderEvent, revision: e.revision }))).version;
}
