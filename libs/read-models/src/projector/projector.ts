import { type EventStore, FailureBackoff, type RecordedEvent, type Subscription } from '@orders/event-store';
import type { ProjectionStore } from '../read-model.port';

export interface ProjectorOptions {
  streamPrefixes: readonly string[];
  batchSize?: number;
  /** once live, read the log at most this often (SubscribeOptions.liveReadIntervalMs; default 0: at every commit) */
  liveReadIntervalMs?: number;
  /** delay before resubscribing after the first failure; doubled per failure in a row up to maxRetryDelayMs (default 1 s) */
  retryDelayMs?: number;
  /** cap of the back-off (default 30 s) */
  maxRetryDelayMs?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void;
  /** called once when applying starts failing (with the error), and once when it works again */
  onFailing?(error: unknown): void;
  onRecovered?(): void;
}

export interface ProjectorStatus {
  name: string;
  position: number;
  caughtUp: boolean;
  running: boolean;
  /** while applying fails (a full disk, say): since when (ISO time), how often in a row, the last error's message */
  failing: { since: string; failures: number; message: string } | null;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Follows the global log from the projection's checkpoint and applies batches to its store. The
 * checkpoint lives with the rows (see ProjectionStore.applyBatch), so a crash re-applies at most
 * the uncommitted batch and a restart does not replay the whole log. A failure (a full disk, an
 * unreachable store) resubscribes from the checkpoint after a bounded exponential back-off, logged once
 * when it starts failing and once when it recovers.
 */
export class Projector {
  private subscription: Subscription | null = null;
  private position = 0;
  private caughtUp = false;
  private running = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly backoff: FailureBackoff;

  constructor(
    private readonly store: EventStore,
    private readonly target: ProjectionStore,
    private readonly options: ProjectorOptions,
  ) {
    const name = target.name;
    this.backoff = new FailureBackoff({
      initialDelayMs: options.retryDelayMs ?? 1_000,
      maxDelayMs: options.maxRetryDelayMs ?? 30_000,
      onFailing: (error) => {
        options.log?.('error', `projection ${name} failed; retrying from its checkpoint with back-off`, error);
        options.onFailing?.(error);
      },
      onRecovered: (failures, since) => {
        const seconds = Math.round((Date.now() - since) / 1000);
        options.log?.('info', `projection ${name} recovered after ${failures} failed attempts over ${seconds} s`);
        options.onRecovered?.();
      },
    });
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.target.claim?.(); // a new fencing token: writes of any earlier holder are refused from now on
    this.running = true;
    await this.subscribe();
  }

  private async subscribe(): Promise<void> {
    this.position = await this.target.checkpoint();
    this.caughtUp = false;
    this.subscription = this.store.subscribeToAll(
      {
        fromPosition: this.position,
        streamPrefixes: this.options.streamPrefixes,
        batchSize: this.options.batchSize ?? 500,
        liveReadIntervalMs: this.options.liveReadIntervalMs,
      },
      {
        onEvents: (events) => this.apply(events),
        onCheckpoint: (position) => this.moveCheckpoint(position),
        onCaughtUp: () => {
          this.caughtUp = true;
          this.backoff.succeeded();
        },
        onError: (error) => this.recover(error),
      },
    );
  }

  private async apply(events: RecordedEvent[]): Promise<void> {
    const last = events[events.length - 1];
    if (!last) return;
    await this.target.applyBatch(events, last.position);
    this.position = last.position;
    this.backoff.succeeded();
  }

  private async moveCheckpoint(position: number): Promise<void> {
    if (position <= this.position) return;
    await this.target.applyBatch([], position);
    this.position = position;
  }

  private recover(error: unknown): void {
    this.subscription = null;
    const delay = this.backoff.failed(error);
    if (!this.running) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.running) void this.subscribe().catch((e: unknown) => this.recover(e));
    }, delay);
  }

  status(): ProjectorStatus {
    const failing = this.backoff.failing;
    return {
      name: this.target.name,
      position: this.position,
      caughtUp: this.caughtUp,
      running: this.running,
      failing: failing && { since: new Date(failing.since).toISOString(), failures: failing.failures, message: messageOf(failing.error) },
    };
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.subscription?.stop();
    this.subscription = null;
  }
}
