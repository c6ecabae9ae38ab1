import { ORDER_EVENT_UPCASTERS } from '@orders/domain';
import { createUpcasterRegistry, type EventStore, UpcastingEventStore } from '@orders/event-store';
import { PersonalDataCodec, PersonalDataEventStore, type SubjectKeys } from '@orders/personal-data';

/** The store as every reader (handlers, projector, history, CLI, rebuild) must see it: order events upcast to today's shape on read. */
export function withOrderUpcasting(store: EventStore): EventStore {
  return new UpcastingEventStore(store, createUpcasterRegistry(ORDER_EVENT_UPCASTERS));
}

/** The raw store as the application uses it: personal data sealed on append, opened on read, then upcast (docs/personal-data.md). */
export function orderEventStore(store: EventStore, keys: SubjectKeys): EventStore {
  return withOrderUpcasting(new PersonalDataEventStore(store, new PersonalDataCodec(keys)));
}
