import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
  SubscriptionHandler,
} from '@orders/event-store';
import type { PersonalDataCodec } from './personal-data-codec';

/**
 * EventStore decorator at the serialisation boundary: appends seal the personal fields of each event
 * (encrypted per data subject), reads and subscriptions open them again (or show `[erased]`). The
 * wrapped store never sees personal data in plaintext.
 */
export class PersonalDataEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly codec: PersonalDataCodec,
  ) {}

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult> {
    const sealed = await Promise.all(events.map((event) => this.codec.seal(streamId, event)));
    return this.inner.appendToStream(streamId, sealed, options);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.openAll(await this.inner.readStream(streamId, options));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.openAll(await this.inner.readAll(options));
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  subscribeToAll(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    const wrapped: SubscriptionHandler = { onEvents: async (events) => handler.onEvents(await this.openAll(events)) };
    if (handler.onCaughtUp) wrapped.onCaughtUp = (position) => handler.onCaughtUp?.(position);
    if (handler.onCheckpoint) wrapped.onCheckpoint = (position) => handler.onCheckpoint?.(position);
    if (handler.onError) wrapped.onError = (error) => handler.onError?.(error);
    return this.inner.subscribeToAll(options, wrapped);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private openAll(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    return Promise.all(events.map((event) => this.codec.open(event)));
  }
}
