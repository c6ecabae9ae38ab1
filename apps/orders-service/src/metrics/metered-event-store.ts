import {
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionHandler,
  WrongExpectedVersionError,
} from '@orders/event-store';

/** Where append durations go: seconds and `ok` / `conflict` / `error`. */
export interface AppendObserver {
  observe(labels: { outcome: string }, seconds: number): void;
}

const secondsSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;

/** A decorator of the EventStore port that times appends; everything else is passed through unchanged. */
export class MeteredEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly appends: AppendObserver,
  ) {}

  // .then, not async / await: one promise per append on the request path instead of three
  appendToStream(streamId: string, events: readonly NewEvent[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult> {
    const start = process.hrtime.bigint();
    return this.inner.appendToStream(streamId, events, options).then(
      (result) => {
        this.appends.observe({ outcome: 'ok' }, secondsSince(start));
        return result;
      },
      (error: unknown) => {
        this.appends.observe({ outcome: error instanceof WrongExpectedVersionError ? 'conflict' : 'error' }, secondsSince(start));
        throw error;
      },
    );
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId, options);
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }

  headPosition(): Promise<number> {
    return this.inner.headPosition();
  }

  subscribeToAll(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    return this.inner.subscribeToAll(options, handler);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
