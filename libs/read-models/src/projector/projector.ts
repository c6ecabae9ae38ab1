import type { EventStore, RecordedEvent, Subscription } from '@orders/event-store';
import type { ProjectionStore } from '../read-model.port';

export interface ProjectorOptions {
  streamPrefixes: readonly string[];
  batchSize?: number;
  /** delay before resubscribing after a failure */
  retryDelayMs?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string, detail?: unknown) => void;
}

export interface ProjectorStatus {
  name: string;
  position: number;
  caughtUp: boolean;
  running: boolean;
}

/**
 * Follows the global log from the projection's checkpoint and applies batches to its store. The
 * checkpoint lives with the rows (see ProjectionStore.applyBatch), so a crash re-applies at most
 * the uncommitted batch and a restart does not replay the whole log.
 */
export class Projector {
  private subscription: Subscription | null = null;
  private position = 0;
  private caughtUp = false;
  private running = false;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly target: ProjectionStore,
    private readonly options: ProjectorOptions,
  ) {}

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.subscribe();
  }

  private async subscribe(): Promise<void> {
    this.position = await this.target.checkpoint();
    this.caughtUp = false;
    this.subscription = this.store.subscribeToAll(
      { fromPosition: this.position, streamPrefixes: this.options.streamPrefixes, batchSize: this.options.batchSize ?? 500 },
      {
        onEvents: (events) => this.apply(events),
        onCheckpoint: (position) => this.moveCheckpoint(position),
        onCaughtUp: () => {
          this.caughtUp = true;
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
  }

  private async moveCheckpoint(position: number): Promise<void> {
    if (position <= this.position) return;
    await this.target.applyBatch([], position);
    this.position = position;
  }

  private recover(error: unknown): void {
    this.options.log?.('error', `projection ${this.target.name} failed; resubscribing`, error);
    this.subscription = null;
    if (!this.running) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.running) void this.subscribe().catch((e: unknown) => this.recover(e));
    }, this.options.retryDelayMs ?? 1000);
  }

  status(): ProjectorStatus {
    return { name: this.target.name, position: this.position, caughtUp: this.caughtUp, running: this.running };
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.subscription?.stop();
    this.subscription = null;
  }
}
