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

  // each event at once when its keys are at hand (sealNow / openNow), the others through the waiting path
  protected override mapAppended(streamId: string, events: readonly NewEvent[]): NewEvent[] | Promise<NewEvent[]> {
    return allNow(
      events,
      (event) => this.codec.sealNow(streamId, event),
      (event) => this.codec.seal(streamId, event),
    );
  }

  protected mapRecorded(events: RecordedEvent[]): RecordedEvent[] | Promise<RecordedEvent[]> {
    return allNow(
      events,
      (event) => this.codec.openNow(event),
      (event) => this.codec.open(event),
    );
  }
}

/** `now` of every item when each has an answer at once (no promise at all); else `later` for those without */
function allNow<T>(items: readonly T[], now: (item: T) => T | undefined, later: (item: T) => Promise<T>): T[] | Promise<T[]> {
  const done: (T | undefined)[] = items.map(now);
  if (!done.includes(undefined)) return done as T[];
  return Promise.all(done.map((result, index) => result ?? later(items[index]!)));
}
