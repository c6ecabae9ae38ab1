import type { EventStore, RecordedEvent } from '../event-store.port';
import { MappingEventStore } from '../mapping-event-store';
import type { UpcasterRegistry } from './upcaster-registry';

/**
 * EventStore decorator that hands out every event in today's shape: reads and subscriptions pass
 * each event through the upcaster registry; writes and the rest go to the wrapped store unchanged
 * (the log itself is never rewritten).
 */
export class UpcastingEventStore extends MappingEventStore {
  constructor(
    inner: EventStore,
    private readonly registry: UpcasterRegistry,
  ) {
    super(inner);
  }

  protected mapRecorded(events: RecordedEvent[]): RecordedEvent[] {
    return events.map((event) => this.registry.upcast(event));
  }
}
