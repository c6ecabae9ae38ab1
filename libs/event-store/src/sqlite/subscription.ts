import type { EventEmitter } from 'node:events';
import type { ReadAllOptions, RecordedEvent, SubscribeOptions, Subscription, SubscriptionHandler } from '../event-store.port';
import { reportSubscriptionFailure } from '../subscription-failure';

/** What a subscription needs from the store. `changes` emits 'committed' after every commit that wrote events. */
export interface SubscriptionSource {
  readRange(after: number, upTo: number, filter: Pick<ReadAllOptions, 'streamPrefixes' | 'eventTypes'>, limit: number): RecordedEvent[];
  headPosition(): number;
  readonly changes: EventEmitter;
}

export const DEFAULT_BATCH_SIZE = 500;
/** positions scanned per read at most, so that a sparse prefix filter does not scan the whole log at once */
const MIN_SCAN_WINDOW = 10_000;

/**
 * Catch-up subscription over the global log: reads batches after the exclusive start position,
 * awaiting the handler before reading on; at the head it calls onCaughtUp once and then waits for
 * a commit in this process (the 'committed' event carries the new head, so no query asks for it) or
 * the next poll (commits by other processes on the same file: the only time the head is queried).
 */
export class SqliteSubscription implements Subscription {
  private stopped = false;
  /** in a liveReadIntervalMs hold: a commit only moves the known head, only stop() ends the wait */
  private holding = false;
  /** the highest head a 'committed' event or a poll reported */
  private knownHead = 0;
  /** ends the current wait early (a commit, stop()) */
  private wake: (() => void) | undefined;
  private readonly done: Promise<void>;
  private readonly onCommitted = (head: number): void => {
    if (head > this.knownHead) this.knownHead = head;
    if (!this.holding) this.wake?.();
  };

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: SubscribeOptions,
    private readonly handler: SubscriptionHandler,
    private readonly pollIntervalMs: number,
    onEnd: (subscription: SqliteSubscription) => void,
  ) {
    this.source.changes.on('committed', this.onCommitted);
    this.done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.run())
      .catch((error: unknown) => this.fail(error))
      .finally(() => {
        this.source.changes.off('committed', this.onCommitted);
        onEnd(this);
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.done;
  }

  private async run(): Promise<void> {
    const batchSize = positiveInteger(this.options.batchSize ?? DEFAULT_BATCH_SIZE, 'batchSize');
    const filter = { streamPrefixes: this.options.streamPrefixes, eventTypes: this.options.eventTypes };
    const window = Math.max(MIN_SCAN_WINDOW, batchSize * 20);
    const interval = nonNegative(this.options.liveReadIntervalMs ?? 0, 'liveReadIntervalMs');
    let position = this.options.fromPosition ?? 0;
    if (!Number.isSafeInteger(position) || position < 0) throw new RangeError('fromPosition must be an integer >= 0');
    this.pollHead();
    let caughtUp = false;
    let lastReadAt = -Infinity;
    while (!this.stopped) {
      if (position >= this.knownHead) {
        if (!caughtUp) {
          caughtUp = true;
          this.handler.onCaughtUp?.(position);
        }
        await this.waitForChange(position);
        await this.holdUntil(lastReadAt + interval);
        continue;
      }
      lastReadAt = performance.now();
      const upTo = Math.min(this.knownHead, position + window);
      const events = this.source.readRange(position, upTo, filter, batchSize);
      const last = events[events.length - 1];
      if (last) {
        await this.handler.onEvents(events);
        position = last.position;
      }
      if (events.length < batchSize && position < upTo && !this.stopped) {
        // everything up to upTo has been read; what was not delivered did not match the filter
        position = upTo;
        await this.handler.onCheckpoint?.(position);
      }
    }
  }

  private pollHead(): void {
    this.knownHead = Math.max(this.knownHead, this.source.headPosition());
  }

  /** Until the head moves past `position`: a commit here, or a poll that finds one made by another process. */
  private async waitForChange(position: number): Promise<void> {
    while (!this.stopped && this.knownHead <= position) {
      if (await this.sleep(this.pollIntervalMs)) this.pollHead();
    }
  }

  /** Until performance.now() reaches `time` or stop(); the commits meanwhile only move the known head. */
  private async holdUntil(time: number): Promise<void> {
    const left = time - performance.now();
    if (left <= 0 || this.stopped) return;
    this.holding = true;
    try {
      await this.sleep(left);
    } finally {
      this.holding = false;
    }
  }

  /** Sleeps up to `ms`; a commit or stop() ends it early. Resolves true when the time ran out. */
  private sleep(ms: number): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve(true);
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve(false);
      };
    });
  }

  private fail(error: unknown): void {
    this.stopped = true;
    reportSubscriptionFailure(this.handler, error);
  }
}

function nonNegative(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a number >= 0`);
  return value;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  return value;
}
