import { ORDER_EVENT_UPCASTERS } from '@orders/domain';
import { createUpcasterRegistry, type EventStore, UpcastingEventStore } from '@orders/event-store';

/** The store as every reader (handlers, projector, history, CLI, rebuild) must see it: order events upcast to today's shape on read. */
export function withOrderUpcasting(store: EventStore): EventStore {
  return new UpcastingEventStore(store, createUpcasterRegistry(ORDER_EVENT_UPCASTERS));
}
