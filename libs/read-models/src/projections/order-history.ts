import { diffOrders, type FieldChange } from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';
import { applyToOrderView } from './order-view.projection';
import type { OrderViewRecord } from '../read-model.port';

/** One event of an order stream as the audit history shows it (SPEC §7). */
export interface OrderHistoryEntry {
  revision: number;
  /** versionTag of the order version after this event (an action or delete keeps the previous one); null before any content */
  versionTag: string | null;
  type: string;
  /** when the event was committed */
  time: string;
  /** whether the order was deleted after this event */
  deleted: boolean;
  apiKeyName: string | null;
  correlationId: string | null;
  causationId: string | null;
  jobId: string | null;
  /** field-level changes of the order content made by this event */
  changes: FieldChange[];
  /** the action of an `OrderActionRequested` event */
  action?: unknown;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The audit history of an order stream: every event (revision order) with the order version after
 * it and a field-level diff against the version before. `window` limits which entries are built
 * (the fold always runs from the start; {@link historyEntries} builds a page from the state before it).
 */
export function orderHistory(
  events: readonly RecordedEvent[],
  window: { offset: number; count: number } = { offset: 0, count: Infinity },
): OrderHistoryEntry[] {
  let record: OrderViewRecord | null = null;
  for (const event of events.slice(0, window.offset)) record = applyToOrderView(record, event);
  return historyEntries(events.slice(window.offset, window.offset + window.count), record);
}

/** The history entries of consecutive `events`, `before` being the order view before the first of them. */
export function historyEntries(events: readonly RecordedEvent[], before: OrderViewRecord | null): OrderHistoryEntry[] {
  let record = before;
  return events.map((event) => {
    const previous = record;
    record = applyToOrderView(record, event);
    const entry: OrderHistoryEntry = {
      revision: event.revision,
      versionTag: record?.versionTag ?? null,
      type: event.type,
      time: event.createdAt,
      deleted: record?.deleted ?? false,
      apiKeyName: text(event.metadata.apiKeyName),
      correlationId: text(event.metadata.correlationId),
      causationId: text(event.metadata.causationId),
      jobId: text(event.metadata.jobId),
      changes: previous?.order === record?.order ? [] : diffOrders(previous?.order ?? null, record?.order ?? null),
    };
    if (event.type === 'OrderActionRequested') entry.action = event.data.action;
    return entry;
  });
}

export type OrderAtTarget = { revision: number } | { at: string };

/**
 * The order as it was at a version (the revision a versionTag encodes: null when no version of the
 * order has that revision) or at an instant (the last event committed at or before it: null when the
 * stream had no order content then). A deleted order keeps its last content (`deleted` says so).
 */
export function orderAt(events: readonly RecordedEvent[], target: OrderAtTarget): OrderViewRecord | null {
  let record: OrderViewRecord | null = null;
  if ('revision' in target) {
    for (const event of events) {
      if (event.revision > target.revision) break;
      record = applyToOrderView(record, event);
    }
    return record?.version === target.revision ? record : null;
  }
  const limit = Date.parse(target.at);
  for (const event of events) {
    if (Date.parse(event.createdAt) > limit) break;
    record = applyToOrderView(record, event);
  }
  return record;
}
