import {
  encodeVersionTag,
  evolve,
  initialOrderState,
  ORDER_EVENT_TYPES,
  orderIdOfStream,
  orderWarnings,
  type Order,
  type OrderState,
  toOrderEvent,
} from '@orders/domain';
import type { RecordedEvent } from '@orders/event-store';
import type { OrderViewRecord } from '../read-model.port';

const knownTypes = new Set<string>(ORDER_EVENT_TYPES);

/** The contact an order belongs to. Only `ContactId` keys resolve here; the contact register resolves the rest. */
export function contactIdOf(order: Order): string | null {
  return order.contact.matchKeyType === 'ContactId' ? order.contact.matchKey : null;
}

function stateOf(record: OrderViewRecord | null): OrderState {
  if (!record) return initialOrderState;
  return {
    status: record.deleted ? 'deleted' : 'active',
    order: record.order,
    version: record.version,
    revision: record.revision,
  };
}

/**
 * Applies one order event to the order's view record. Pure: the same record and event always give
 * the same result, and an event at or below the record's revision is a no-op (redelivery is harmless).
 */
export function applyToOrderView(
  record: OrderViewRecord | null,
  event: RecordedEvent,
  /** resolves the order's contact; by default only `ContactId` keys resolve (see contactIdOf) */
  resolveContact: (order: Order) => string | null = contactIdOf,
): OrderViewRecord | null {
  if (record && event.revision <= record.revision) return record;
  if (!knownTypes.has(event.type)) {
    return record ? { ...record, revision: event.revision } : null;
  }
  const next = evolve(stateOf(record), toOrderEvent(event), event.revision);
  if (!next.order || next.version === null) return null;
  const orderId = record?.orderId ?? orderIdOfStream(event.streamId);
  const contentChanged = next.version !== record?.version || next.order !== record?.order;
  return {
    orderId,
    contactId: resolveContact(next.order),
    order: next.order,
    version: next.version,
    versionTag: encodeVersionTag(orderId, next.version),
    revision: event.revision,
    deleted: next.status === 'deleted',
    createdAtMs: Date.parse(next.order.createdAt),
    updatedAt: event.createdAt,
    warnings: contentChanged || !record ? orderWarnings(next.order) : record.warnings,
  };
}
