/** What an earlier change under an Idempotency-Key left behind: the revision and metadata of its first event. */
export interface IdempotentChange {
  revision: number;
  metadata: Record<string, unknown> & { jobId?: string; requestHash?: string };
}

/** A stream folded up to `revision`, and the Idempotency-Keys its events carry (scoped key → first event). */
export interface FoldedStream<S> {
  state: S;
  revision: number;
  keys: ReadonlyMap<string, IdempotentChange>;
}

export interface FoldCacheLimits {
  /** streams kept at most (default 1000) */
  maxEntries?: number;
  /** approximate size of the kept states at most, in UTF-16 code units of their JSON (default 16 Mi: it lives in a heap capped at 160 MB, docs/operations.md#memory) */
  maxSize?: number;
}

const DEFAULT_MAX_ENTRIES = 1000;
const DEFAULT_MAX_SIZE = 16 * 1024 * 1024;
/** what one remembered Idempotency-Key is counted as */
const KEY_SIZE = 200;

interface Entry {
  folded: FoldedStream<unknown>;
  size: number;
}

/**
 * The folded state of recently written streams, least recently used dropped first, bounded by count and
 * by approximate size (a state's JSON length, measured once when it is stored). It is a starting point,
 * never an answer: the write loop reads the events after the cached revision before deciding, so an entry
 * cannot be stale, only short of the newest events, which the loop folds in.
 */
export class FoldCache {
  private readonly entries = new Map<string, Entry>();
  private size = 0;
  private readonly maxEntries: number;
  private readonly maxSize: number;

  constructor(limits: FoldCacheLimits = {}) {
    this.maxEntries = limits.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.maxSize = limits.maxSize ?? DEFAULT_MAX_SIZE;
  }

  get<S>(streamId: string): FoldedStream<S> | undefined {
    const entry = this.entries.get(streamId);
    if (!entry) return undefined;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return entry.folded as FoldedStream<S>;
  }

  /** whether a fold of the stream is kept (without touching its place in the LRU order) */
  has(streamId: string): boolean {
    return this.entries.has(streamId);
  }

  set<S>(streamId: string, folded: FoldedStream<S>): void {
    this.delete(streamId);
    const size = (JSON.stringify(folded.state)?.length ?? 0) + folded.keys.size * KEY_SIZE;
    if (size > this.maxSize || this.maxEntries <= 0) return;
    this.entries.set(streamId, { folded, size });
    this.size += size;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.size <= this.maxSize) break;
      this.entries.delete(oldest);
      this.size -= entry.size;
    }
  }

  delete(streamId: string): void {
    const entry = this.entries.get(streamId);
    if (!entry) return;
    this.entries.delete(streamId);
    this.size -= entry.size;
  }

  /** streams and approximate size held (for tests and metrics) */
  stats(): { entries: number; size: number } {
    return { entries: this.entries.size, size: this.size };
  }
}
