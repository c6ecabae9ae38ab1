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
} from './event-store.port';

/**
 * The shape of every EventStore decorator that changes events on their way through: appends pass each
 * batch through `mapAppended`, reads and subscriptions through `mapRecorded`; positions and closing go to
 * the wrapped store unchanged. Subclasses: UpcastingEventStore, PersonalDataEventStore.
 */
export abstract class MappingEventStore implements EventStore {
  constructor(protected readonly inner: EventStore) {}

  /** the events as the wrapped store is to store them (default: unchanged) */
  protected mapAppended(_streamId: string, events: readonly NewEvent[]): readonly NewEvent[] | Promise<readonly NewEvent[]> {
    return events;
  }

  /** the events as readers are to see them */
  protected abstract mapRecorded(events: RecordedEvent[]): RecordedEvent[] | Promise<RecordedEvent[]>;

  // not async: the wrapped store's own promise is the answer when the events were mapped at once (no extra
  // promise and no extra turns per append; a throw still comes back as a rejection)
  appendToStream(streamId: string, events: readonly NewEvent[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult> {
    try {
      const mapped = this.mapAppended(streamId, events);
      if (mapped instanceof Promise) return mapped.then((ready) => this.inner.appendToStream(streamId, ready, options));
      return this.inner.appendToStream(streamId, mapped, options);
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.mapRecorded(await this.inner.readStream(streamId, options));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.mapRecorded(await this.inner.readAll(options));
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  subscribeToAll(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    const wrapped: SubscriptionHandler = { onEvents: async (events) => handler.onEvents(await this.mapRecorded(events)) };
    if (handler.onCaughtUp) wrapped.onCaughtUp = (position) => handler.onCaughtUp?.(position);
    if (handler.onCheckpoint) wrapped.onCheckpoint = (position) => handler.onCheckpoint?.(position);
    if (handler.onError) wrapped.onError = (error) => handler.onError?.(error);
    return this.inner.subscribeToAll(options, wrapped);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
