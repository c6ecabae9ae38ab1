import {
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
  excludeSystemEvents,
  type Filter,
  type Position,
  streamNameFilter,
} from '@eventstore/db-client';
import type { RecordedEvent, SubscribeOptions, Subscription, SubscriptionHandler } from '../event-store.port';
import { reportSubscriptionFailure } from '../subscription-failure';
import { isSystemEvent, matchesPrefixes, toPortPosition, toRecordedEvent } from './esdb-mapping';
import type { EsdbPositionResolver } from './esdb-positions';
import { type RetryPolicy, retryDelayMs } from './retry-policy';

export const DEFAULT_BATCH_SIZE = 500;

type Item = { kind: 'event'; event: RecordedEvent } | { kind: 'checkpoint'; position: number } | { kind: 'caughtUp' };

export interface EsdbSubscriptionDeps {
  client: EventStoreDBClient;
  resolver: EsdbPositionResolver;
  headPosition(): Promise<number>;
  retry: RetryPolicy;
  /** told about every drop before the back-off (not about handler failures, which go to onError) */
  onDrop?: (error: unknown, attempt: number, delayMs: number) => void;
}

/** A failure of the handler: it stops the subscription (port semantics); a drop resubscribes. */
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
    const notify = (): void => {
      const wake = this.wake;
      this.wake = undefined;
      wake?.();
    };
    const afterBuffered = (item: Item): Promise<void> =>
      waitUntil(() => subscription.readableLength === 0 || this.stopped || dropped !== undefined).then(() => {
        queue.push(item);
        notify();
      });
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
      notify();
    });
    subscription.on('end', () => {
      dropped ??= { error: new Error('EventStoreDB ended the subscription') };
      notify();
    });
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      const event = this.accept(resolved, start.skipUpTo);
      if (!event) return;
      queue.push({ kind: 'event', event });
      if (queue.length >= this.batchSize * 2) subscription.pause();
      notify();
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
      await subscription.unsubscribe().catch(() => undefined);
    }
  }

  private filter(checkpointReached: (position: Position) => Promise<void>): Filter {
    const prefixes = (this.options.streamPrefixes ?? []).filter((prefix) => prefix.length > 0);
    const matchAll = prefixes.length === 0 || (this.options.streamPrefixes ?? []).includes('');
    const onCheckpoint = (_: unknown, position: Position): Promise<void> => checkpointReached(position);
    return matchAll
      ? excludeSystemEvents({ checkpointReached: onCheckpoint })
      : streamNameFilter({ prefixes, checkpointReached: onCheckpoint });
  }

  private accept(resolved: AllStreamResolvedEvent, skipUpTo: number): RecordedEvent | null {
    const raw = resolved.event;
    if (!raw || isSystemEvent(raw)) return null;
    this.deps.resolver.remember(raw.position);
    const event = toRecordedEvent(raw);
    if (event.position <= skipUpTo || !matchesPrefixes(event.streamId, this.options.streamPrefixes)) return null;
    return event;
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
    } else if (first.kind === 'checkpoint') {
      queue.shift();
      if (first.position > this.position) {
        await this.call(() => this.handler.onCheckpoint?.(first.position));
        this.position = first.position;
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

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}
