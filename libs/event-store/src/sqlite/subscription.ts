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
 * a commit in this process or the next poll (commits by other processes on the same file).
 */
export class SqliteSubscription implements Subscription {
  private stopped = false;
  private wake: (() => void) | undefined;
  private readonly done: Promise<void>;

  constructor(
    private readonly source: SubscriptionSource,
    private readonly options: SubscribeOptions,
    private readonly handler: SubscriptionHandler,
    private readonly pollIntervalMs: number,
    onEnd: (subscription: SqliteSubscription) => void,
  ) {
    this.done = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.run())
      .catch((error: unknown) => this.fail(error))
      .finally(() => onEnd(this));
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
    let position = this.options.fromPosition ?? 0;
    if (!Number.isSafeInteger(position) || position < 0) throw new RangeError('fromPosition must be an integer >= 0');
    let caughtUp = false;
    while (!this.stopped) {
      const head = this.source.headPosition();
      if (position >= head) {
        if (!caughtUp) {
          caughtUp = true;
          this.handler.onCaughtUp?.(position);
        }
        await this.waitForChange();
        continue;
      }
      const upTo = Math.min(head, position + window);
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

  private waitForChange(): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.source.changes.off('committed', wake);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(wake, this.pollIntervalMs);
      this.source.changes.on('committed', wake);
      this.wake = wake;
    });
  }

  private fail(error: unknown): void {
    this.stopped = true;
    reportSubscriptionFailure(this.handler, error);
  }
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  return value;
}
