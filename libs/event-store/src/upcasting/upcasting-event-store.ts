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
} from '../event-store.port';
import type { UpcasterRegistry } from './upcaster-registry';

/**
 * EventStore decorator that hands out every event in today's shape: reads and subscriptions pass
 * each event through the upcaster registry; writes and the rest go to the wrapped store unchanged
 * (the log itself is never rewritten).
 */
export class UpcastingEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly registry: UpcasterRegistry,
  ) {}

  appendToStream(streamId: string, events: readonly NewEvent[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult> {
    return this.inner.appendToStream(streamId, events, options);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.upcastAll(await this.inner.readStream(streamId, options));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.upcastAll(await this.inner.readAll(options));
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  subscribeToAll(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    const wrapped: SubscriptionHandler = { onEvents: (events) => handler.onEvents(this.upcastAll(events)) };
    if (handler.onCaughtUp) wrapped.onCaughtUp = (position) => handler.onCaughtUp?.(position);
    if (handler.onCheckpoint) wrapped.onCheckpoint = (position) => handler.onCheckpoint?.(position);
    if (handler.onError) wrapped.onError = (error) => handler.onError?.(error);
    return this.inner.subscribeToAll(options, wrapped);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private upcastAll(events: RecordedEvent[]): RecordedEvent[] {
    return events.map((event) => this.registry.upcast(event));
  }
}
