import { BACKWARDS, END, EventStoreDBClient } from '@eventstore/db-client';
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
} from '../event-store.port';
import { esdbFaultKind, withStorageFaults } from '../storage-fault';
import { mapAppendError, toEsdbExpectedRevision, toEventData, toPortPosition } from './esdb-mapping';
import { EsdbReader, endingCall } from './esdb-reader';
import { EsdbPositionResolver } from './esdb-positions';
import { EsdbSubscription } from './esdb-subscription';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { assertSupportedServerVersion } from './server-version';

export interface EventStoreDbOptions {
  /** bound of the connectivity check at start and of checkConnectivity() (default 5000 ms) */
  connectTimeoutMs?: number;
  /** back-off of subscriptions after a drop */
  retry?: RetryPolicy;
  /** told when a subscription dropped and is about to be resubscribed */
  onSubscriptionDrop?: (error: unknown, attempt: number, delayMs: number) => void;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The EventStore port on EventStoreDB / KurrentDB (gRPC client @eventstore/db-client v6, server ≥ 23.10:
 * see server-version.ts; checkConnectivity() refuses older servers). Positions: see
 * esdb-mapping.ts. Idempotent appends are EventStoreDB's own (guaranteed for exact expected revisions
 * and no_stream; best effort for `any`, as the server documents).
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly resolver: EsdbPositionResolver;
  private readonly reader: EsdbReader;
  private readonly subscriptions = new Set<EsdbSubscription>();
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: EventStoreDbOptions,
  ) {
    this.resolver = new EsdbPositionResolver(client);
    this.reader = new EsdbReader(client, this.resolver);
  }

  /** Parses the connection string (throws on a malformed one) without connecting. */
  static fromConnectionString(url: string, options: EventStoreDbOptions = {}): EventStoreDbEventStore {
    // a server that does not answer fails calls with StorageFaultError ('unavailable')
    return withStorageFaults(new EventStoreDbEventStore(EventStoreDBClient.connectionString(url), options), 'events', esdbFaultKind);
  }

  /** Parses the connection string and checks that the server answers within connectTimeoutMs. */
  static async connect(url: string, options: EventStoreDbOptions = {}): Promise<EventStoreDbEventStore> {
    const store = EventStoreDbEventStore.fromConnectionString(url, options);
    try {
      await store.checkConnectivity();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  /**
   * Resolves when the server answers a read of `$all` within the timeout and runs a supported version
   * (≥ MIN_SERVER_VERSION); rejects with the reason otherwise (UnsupportedServerVersionError naming the
   * version found and the minimum).
   */
  async checkConnectivity(timeoutMs = this.options.connectTimeoutMs ?? 5000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`EventStoreDB did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const probe = (async () => {
      for await (const _ of endingCall(this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }), timeoutMs)) break;
      assertSupportedServerVersion(await this.serverVersion());
    })();
    try {
      await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
      probe.catch(() => undefined);
    }
  }

  /**
   * The version the server reports through its ServerFeatures service (`getSupportedMethods`, since
   * 21.10), which client 6 asks once per connection and keeps in its protected `capabilities`; 'unknown'
   * when the server has no such service (older than 21.10).
   */
  async serverVersion(): Promise<string> {
    const features = await (this.client as unknown as { capabilities: Promise<{ serverVersion?: string }> }).capabilities;
    return features.serverVersion ?? 'unknown';
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedRevision?: ExpectedRevision } = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    const expected = options.expectedRevision ?? 'any';
    if (typeof streamId !== 'string' || streamId.length === 0) throw new TypeError('streamId must be a non-empty string');
    const expectedRevision = toEsdbExpectedRevision(expected);
    if (!Array.isArray(events)) throw new TypeError('events must be an array');
    const ids = new Set<string>();
    events.forEach((event, index) => {
      if (ids.has(event.id)) throw new TypeError(`events[${index}].id ${event.id} appears twice in one append`);
      ids.add(event.id);
    });
    const data = events.map(toEventData);
    if (data.length === 0) return this.checkOnly(streamId, expected);
    let result;
    try {
      result = await this.client.appendToStream(streamId, data, { expectedRevision });
    } catch (error) {
      throw mapAppendError(error, streamId, expected);
    }
    const nextExpectedRevision = Number(result.nextExpectedRevision);
    // One event: its commit and prepare positions are equal and reported by the server. Several events
    // or an idempotent repeat (reported without a position): read the last event's own position.
    const reported = result.position;
    if (data.length === 1 && reported && reported.commit === reported.prepare && reported.prepare > 0n && reported.prepare <= MAX_SAFE) {
      this.resolver.remember(reported);
      return { nextExpectedRevision, position: toPortPosition(reported) };
    }
    const [last] = await this.readStream(streamId, { fromRevision: nextExpectedRevision, maxCount: 1 });
    if (!last) throw new Error(`stream ${streamId}: revision ${nextExpectedRevision} not found right after the append`);
    return { nextExpectedRevision, position: last.position };
  }

  /** An empty append writes nothing: check the expected revision against the stream's last event. */
  private async checkOnly(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const [last] = await this.readStream(streamId, { direction: 'backwards', maxCount: 1 });
    const actual = last ? last.revision : 'no_stream';
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && actual === 'no_stream') ||
      (expected === 'stream_exists' && actual !== 'no_stream') ||
      expected === actual;
    if (!ok) throw new WrongExpectedVersionError(streamId, expected, actual);
    return { nextExpectedRevision: last?.revision ?? -1, position: last?.position ?? 0 };
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.reader.readStream(streamId, options);
  }

  /** `$all` after the exclusive position, without system events (see EsdbReader.readAll). */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    this.assertOpen();
    return this.reader.readAll(options);
  }

  /** Position of the last non-system event. */
  headPosition(): Promise<number> {
    this.assertOpen();
    return this.reader.headPosition();
  }

  subscribeToAll(options: SubscribeOptions, handler: SubscriptionHandler): Subscription {
    this.assertOpen();
    const subscription = new EsdbSubscription(
      {
        client: this.client,
        resolver: this.resolver,
        headPosition: () => this.headPosition(),
        retry: this.options.retry ?? DEFAULT_RETRY_POLICY,
        onDrop: this.options.onSubscriptionDrop,
      },
      options,
      handler,
    );
    this.subscriptions.add(subscription);
    const stop = subscription.stop.bind(subscription);
    return {
      stop: async () => {
        await stop();
        this.subscriptions.delete(subscription);
      },
    };
  }

  /** Stops the subscriptions (after their in-flight batch) and closes the gRPC channel. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
      this.subscriptions.clear();
      await this.client.dispose();
    })();
    return this.closing;
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('event store is closed');
  }
}
