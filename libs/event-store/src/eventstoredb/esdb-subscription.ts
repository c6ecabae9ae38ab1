import {
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
  excludeSystemEvents,
  type Filter,
  type Position,
  streamNameFilter,
} from '@eventstore/db-client';
import {
  matchesEventTypes,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionHandler,
} from '../event-store.port';
import { reportSubscriptionFailure } from '../subscription-failure';
import { isSystemEvent, matchesPrefixes, toPortPosition, toRecordedEvent } from './esdb-mapping';
import type { EsdbPositionResolver } from './esdb-positions';
import { type RetryPolicy, retryDelayMs } from './retry-policy';

export const DEFAULT_BATCH_SIZE = 500;
/**
 * The server sends a filter checkpoint every `checkpointInterval × maxSearchWindow` (32) records it
 * scanned: every 1 024 records instead of the client's default 32, so that a catch-up over a log made
 * mostly of other streams does not pay a checkpoint write per 32 records.
 */
export const FILTER_CHECKPOINT_INTERVAL = 32;

type Item =
  | { kind: 'event'; event: RecordedEvent }
  | { kind: 'checkpoint'; position: number }
  | { kind: 'caughtUp' }
  | { kind: 'failure'; error: unknown };

export interface EsdbSubscriptionDeps {
  client: EventStoreDBClient;
  resolver: EsdbPositionResolver;
  headPosition(): Promise<number>;
  retry: RetryPolicy;
  /** told about every drop before the back-off (not about handler failures, which go to onError) */
  onDrop?: (error: unknown, attempt: number, delayMs: number) => void;
}

/**
 * A failure of the handler, or an event the adapter cannot map (its own data listener failed): it stops
 * the subscription (port semantics) and is reported to onError; a drop resubscribes.
 */
class HandlerFailure {
  constructor(readonly error: unknown) {}
}

/**
 * Catch-up subscription to `$all` with a server-side filter (`streamNameFilter` on the prefixes, or
 * `excludeSystemEvents`). Events are queued as they arrive and handed to the handler in batches of
 * the events that piled up while it was busy (≤ batchSize); the gRPC stream is paused while the queue
 * is full (backpressure). `checkpointReached` and `caughtUp` are queued behind the events received
 * before them, so a checkpoint never overtakes an unhandled event. A dropped subscription (UNAVAILABLE,
 * server restart, leader change…) is resubscribed from the last handled position with exponential
 * back-off.
 */
export class EsdbSubscription implements Subscription {
  private stopped = false;
  private position: number;
  private attempt = 0;
  private caughtUpReported = false;
  private wake: (() => void) | undefined;
  private readonly done: Promise<void>;
  private readonly batchSize: number;

  constructor(
    private readonly deps: EsdbSubscriptionDeps,
    private readonly options: SubscribeOptions,
    private readonly handler: SubscriptionHandler,
  ) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.position = options.fromPosition ?? 0;
    this.done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.validate())
      .then(() => this.run())
      .catch((error: unknown) => this.fail(error instanceof HandlerFailure ? error.error : error));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.done;
  }

  private validate(): void {
    if (!Number.isSafeInteger(this.batchSize) || this.batchSize < 1) throw new RangeError('batchSize must be a positive integer');
    if (!Number.isSafeInteger(this.position) || this.position < 0) throw new RangeError('fromPosition must be an integer >= 0');
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.follow();
      } catch (error) {
        if (error instanceof HandlerFailure || this.stopped) throw error;
        this.attempt++;
        const delay = retryDelayMs(this.attempt, this.deps.retry);
        this.deps.onDrop?.(error, this.attempt, delay);
        await this.sleep(delay);
      }
    }
  }

  /** One server subscription, from the last handled position until stop (resolves) or a drop (rejects). */
  private async follow(): Promise<void> {
    const head = await this.deps.headPosition();
    const start = await this.deps.resolver.startAfter(this.position);
    if (this.stopped) return;
    const queue: Item[] = [];
    let dropped: { error: unknown } | undefined;
    let failed = false;
    const notify = (): void => {
      const wake = this.wake;
      this.wake = undefined;
      wake?.();
    };
    // Items queued behind the events the client has already read but not yet emitted ('data'): the
    // client awaits checkpointReached inside its transform, so nothing is added to its buffer meanwhile
    // and "after N more data events" is exact. No polling: released by the data listener (or a drop/stop).
    let received = 0;
    const behind: { after: number; item: Item; queued: () => void }[] = [];
    const release = (all = false): void => {
      while (behind[0] && (all || behind[0].after <= received)) {
        const { item, queued } = behind.shift()!;
        queue.push(item);
        queued();
      }
      notify();
    };
    const afterBuffered = (item: Item): Promise<void> => {
      if (this.stopped || dropped !== undefined || subscription.readableLength === 0) {
        queue.push(item);
        notify();
        return Promise.resolve();
      }
      return new Promise<void>((queued) => behind.push({ after: received + subscription.readableLength, item, queued }));
    };
    const subscription: AllStreamSubscription = this.deps.client.subscribeToAll({
      fromPosition: start.fromPosition,
      filter: this.filter((position) => {
        this.deps.resolver.remember(position);
        return afterBuffered({ kind: 'checkpoint', position: toPortPosition(position) });
      }),
    });
    subscription.on('confirmation', () => (this.attempt = 0));
    subscription.on('caughtUp', () => void afterBuffered({ kind: 'caughtUp' }));
    subscription.on('error', (error) => {
      dropped ??= { error };
      release(true);
    });
    subscription.on('end', () => {
      dropped ??= { error: new Error('EventStoreDB ended the subscription') };
      release(true);
    });
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      received++;
      if (failed) return;
      // never throws: a throw here would escape into the client's transform (an unhandled rejection)
      try {
        const item = this.accept(resolved, start.skipUpTo);
        if (item) queue.push(item);
      } catch (error) {
        failed = true; // queued behind the events before it; nothing after it is taken
        queue.push({ kind: 'failure', error });
        subscription.pause();
      }
      if (queue.length >= this.batchSize * 2) subscription.pause();
      release();
    });
    if (head <= this.position) queue.push({ kind: 'caughtUp' });
    try {
      while (!this.stopped) {
        if (queue.length === 0) {
          if (dropped) throw dropped.error;
          await new Promise<void>((resolve) => (this.wake = resolve));
          continue;
        }
        await this.deliver(queue, head);
        if (subscription.isPaused() && queue.length < this.batchSize) subscription.resume();
      }
    } finally {
      this.wake = undefined;
      release(true);
      await subscription.unsubscribe().catch(() => undefined);
    }
  }

  private filter(checkpointReached: (position: Position) => Promise<void>): Filter {
    const prefixes = (this.options.streamPrefixes ?? []).filter((prefix) => prefix.length > 0);
    const matchAll = prefixes.length === 0 || (this.options.streamPrefixes ?? []).includes('');
    const onCheckpoint = (_: unknown, position: Position): Promise<void> => checkpointReached(position);
    const checkpointInterval = FILTER_CHECKPOINT_INTERVAL;
    return matchAll
      ? excludeSystemEvents({ checkpointReached: onCheckpoint, checkpointInterval })
      : streamNameFilter({ prefixes, checkpointReached: onCheckpoint, checkpointInterval });
  }

  /** The event as an item to deliver; one of a type the subscription does not want: a checkpoint at its position. */
  private accept(resolved: AllStreamResolvedEvent, skipUpTo: number): Item | null {
    const raw = resolved.event;
    if (!raw || isSystemEvent(raw)) return null;
    this.deps.resolver.remember(raw.position);
    const event = toRecordedEvent(raw);
    if (event.position <= skipUpTo || !matchesPrefixes(event.streamId, this.options.streamPrefixes)) return null;
    // the server filters by stream prefix; the type filter is applied here, before the handler maps anything
    if (!matchesEventTypes(event.type, this.options.eventTypes)) return { kind: 'checkpoint', position: event.position };
    return { kind: 'event', event };
  }

  /** Hands the next item(s) to the handler: consecutive events as one batch, or a checkpoint, or caught-up. */
  private async deliver(queue: Item[], head: number): Promise<void> {
    const first = queue[0];
    if (!first) return;
    if (first.kind === 'event') {
      const batch: RecordedEvent[] = [];
      while (batch.length < this.batchSize && queue[0]?.kind === 'event') batch.push((queue.shift() as { event: RecordedEvent }).event);
      const last = batch[batch.length - 1];
      if (!last || last.position <= this.position) return;
      await this.call(() => this.handler.onEvents(batch.filter((event) => event.position > this.position)));
      this.position = last.position;
    } else if (first.kind === 'failure') {
      throw new HandlerFailure(first.error);
    } else if (first.kind === 'checkpoint') {
      // consecutive checkpoints (e.g. a run of events of unwanted types) as one
      let position = first.position;
      queue.shift();
      while (queue[0]?.kind === 'checkpoint') position = Math.max(position, (queue.shift() as { position: number }).position);
      if (position > this.position) {
        await this.call(() => this.handler.onCheckpoint?.(position));
        this.position = position;
      }
    } else {
      queue.shift();
      this.reportCaughtUp();
    }
    if (this.position >= head) this.reportCaughtUp(); // servers older than 23.10 send no caughtUp
  }

  private reportCaughtUp(): void {
    if (this.caughtUpReported) return;
    this.caughtUpReported = true;
    this.handler.onCaughtUp?.(this.position);
  }

  private async call(step: () => Promise<void> | void): Promise<void> {
    try {
      await step();
    } catch (error) {
      throw new HandlerFailure(error);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private fail(error: unknown): void {
    this.stopped = true;
    reportSubscriptionFailure(this.handler, error);
  }
}
