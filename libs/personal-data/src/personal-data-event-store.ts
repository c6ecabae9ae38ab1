import { type EventStore, MappingEventStore, type NewEvent, type RecordedEvent } from '@orders/event-store';
import type { PersonalDataCodec } from './personal-data-codec';

/**
 * EventStore decorator at the serialisation boundary: appends seal the personal fields of each event
 * (encrypted per data subject), reads and subscriptions open them again (or show `[erased]`). The
 * wrapped store never sees personal data in plaintext.
 */
export class PersonalDataEventStore extends MappingEventStore {
  constructor(
    inner: EventStore,
    private readonly codec: PersonalDataCodec,
  ) {
    super(inner);
  }

  protected override mapAppended(streamId: string, events: readonly NewEvent[]): Promise<NewEvent[]> {
    return Promise.all(events.map((event) => this.codec.seal(streamId, event)));
  }

  protected mapRecorded(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    return Promise.all(events.map((event) => this.codec.open(event)));
  }
}
