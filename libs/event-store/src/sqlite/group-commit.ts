import type { AppendResult } from '../event-store.port';
import type { AppendWriter, PreparedAppend } from './append-writer';

export interface GroupCommitStats {
  /** transactions run (one per flush) */
  flushes: number;
  /** appends handled by those transactions (acknowledged or rejected) */
  appends: number;
  /** events written */
  events: number;
}

interface Pending {
  append: PreparedAppend;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

export interface GroupCommitLimits {
  /** appends per transaction at most (default 1000) */
  maxAppends: number;
  /** events per transaction at most, unless one append alone is larger (default 10 000) */
  maxEvents: number;
}

/**
 * Group commit: appends made while the event loop is busy (same tick, or during the synchronous
 * flush) are queued and written by the next flush, scheduled with setImmediate, in one transaction.
 * A promise settles only after COMMIT returned, i.e. after the WAL has been fsynced.
 */
export class GroupCommitQueue {
  private queue: Pending[] = [];
  private scheduled = false;
  private readonly counters: GroupCommitStats = { flushes: 0, appends: 0, events: 0 };

  constructor(
    private readonly writer: AppendWriter,
    private readonly onCommitted: (head: number) => void,
    private readonly limits: GroupCommitLimits = { maxAppends: 1000, maxEvents: 10_000 },
  ) {}

  enqueue(append: PreparedAppend): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ append, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flushScheduled());
      }
    });
  }

  /** Writes everything queued, synchronously (used by close). */
  drain(): void {
    while (this.queue.length > 0) this.flush();
  }

  stats(): GroupCommitStats {
    return { ...this.counters };
  }

  private flushScheduled(): void {
    this.scheduled = false;
    if (this.queue.length === 0) return;
    this.flush();
    if (this.queue.length > 0 && !this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flushScheduled());
    }
  }

  private flush(): void {
    const batch = this.takeBatch();
    let head = 0;
    try {
      const outcomes = this.writer.writeBatch(
        batch.map((pending) => pending.append),
        new Date().toISOString(),
      );
      this.counters.flushes++;
      this.counters.appends += batch.length;
      batch.forEach((pending, i) => {
        const outcome = outcomes[i];
        if (outcome?.ok) {
          this.counters.events += outcome.written;
          if (outcome.written > 0) head = Math.max(head, outcome.result.position);
          pending.resolve(outcome.result);
        } else {
          pending.reject(outcome ? outcome.error : new Error('append lost in batch'));
        }
      });
    } catch (error) {
      this.counters.flushes++;
      this.counters.appends += batch.length;
      for (const pending of batch) pending.reject(error);
    }
    if (head > 0) this.onCommitted(head);
  }

  private takeBatch(): Pending[] {
    let count = 0;
    let events = 0;
    while (count < this.queue.length && count < this.limits.maxAppends) {
      const size = this.queue[count]?.append.events.length ?? 0;
      if (count > 0 && events + size > this.limits.maxEvents) break;
      events += size;
      count++;
    }
    return this.queue.splice(0, count);
  }
}
