import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@orders/event-store';
import type { BoundProjectionPart, SqliteProjectionPart } from '../parts/sqlite-projection-part';
import type { RebuildLock } from './rebuild-lock';
import { type RebuildProgress, rebuildProgress } from '../../progress/rebuild-progress';
import type { RebuildOptions, RebuildResult } from './rebuild-projections';
import {
  createRebuildTables,
  dropRebuildTables,
  EMBEDDED_PROJECTION,
  partsSignature,
  REBUILD_SUFFIX,
  rebuildNamer,
  swapInRebuildTables,
} from './rebuild-tables';

const MAX_SWAP_ATTEMPTS = 100;

/** One run of `rebuildProjections` on a locked read-model connection. */
export class Rebuild {
  private readonly checkpointName = `${EMBEDDED_PROJECTION}${REBUILD_SUFFIX}`;
  private readonly prefixes: string[];
  private readonly getCheckpoint;
  private readonly setCheckpoint;
  private bound: BoundProjectionPart[] = [];
  private readonly applyMs = new Map<string, number>();
  private readonly started = Date.now();
  private events = 0;
  private startPosition = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly options: RebuildOptions,
    private readonly parts: readonly SqliteProjectionPart[],
    private readonly batchSize: number,
    private readonly lock: RebuildLock,
  ) {
    this.prefixes = [...new Set(parts.flatMap((part) => part.streamPrefixes))];
    this.getCheckpoint = db.prepare<[string], { position: number }>('SELECT position FROM projection_checkpoints WHERE name = ?');
    this.setCheckpoint = db.prepare<[string, number]>(
      'INSERT INTO projection_checkpoints (name, position) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET position = excluded.position',
    );
  }

  async run(): Promise<RebuildResult> {
    let position = this.prepare();
    this.startPosition = position;
    for (let attempt = 1; ; attempt++) {
      position = await this.replayToHead(position);
      // head first: the tail read after it holds every matching event up to it, so the rebuild
      // covers the log up to the head even when its last events belong to no part
      const head = await this.options.eventStore.headPosition();
      const tail = await this.readAfter(position, Number.MAX_SAFE_INTEGER);
      const swappedAt = this.trySwap(Math.max(position, head), tail);
      if (swappedAt !== null) {
        this.report('swapped', swappedAt, swappedAt);
        return {
          position: swappedAt,
          events: this.events,
          resumedFrom: this.startPosition,
          elapsedMs: Date.now() - this.started,
          applyMsByPart: Object.fromEntries([...this.applyMs].map(([name, ms]) => [name, Math.round(ms)])),
        };
      }
      if (attempt >= MAX_SWAP_ATTEMPTS) throw new Error('rebuild could not catch up with the live projection');
    }
  }

  /** Sets up (or resumes into) the suffixed tables; returns the position to replay from. */
  private prepare(): number {
    const signature = partsSignature(this.parts);
    return this.db
      .transaction((): number => {
        this.db.exec(
          'CREATE TABLE IF NOT EXISTS projection_rebuilds (name TEXT PRIMARY KEY, signature TEXT NOT NULL, started_at TEXT NOT NULL)',
        );
        const previous = this.db
          .prepare<[string], { signature: string }>('SELECT signature FROM projection_rebuilds WHERE name = ?')
          .get(EMBEDDED_PROJECTION);
        const resumable = !this.options.fresh && previous?.signature === signature;
        if (!resumable) {
          dropRebuildTables(this.db, this.parts);
          this.setCheckpoint.run(this.checkpointName, 0);
          this.db
            .prepare('INSERT OR REPLACE INTO projection_rebuilds (name, signature, started_at) VALUES (?, ?, ?)')
            .run(EMBEDDED_PROJECTION, signature, new Date().toISOString());
        }
        createRebuildTables(this.db, this.parts);
        this.bound = this.parts.map((part) => part.bind(this.db, rebuildNamer));
        return this.getCheckpoint.get(this.checkpointName)?.position ?? 0;
      })
      .immediate();
  }

  /** Replays committed batches until the rebuild checkpoint is within one batch of the head. */
  private async replayToHead(from: number): Promise<number> {
    let position = from;
    for (;;) {
      const head = await this.options.eventStore.headPosition();
      if (head - position <= this.batchSize) return position;
      const events = await this.readAfter(position, this.batchSize);
      const last = events[events.length - 1];
      // fewer than a batch: nothing else matches up to the head read before
      const next = events.length < this.batchSize ? Math.max(head, last?.position ?? 0) : (last?.position ?? head);
      // IMMEDIATE, like every write here: a deferred batch reads before it writes and would fail with
      // SQLITE_BUSY_SNAPSHOT if the live projector (or anyone) committed in between
      this.db
        .transaction(() => {
          this.applyToRebuild(events);
          this.setCheckpoint.run(this.checkpointName, next);
        })
        .immediate();
      position = next;
      this.lock.renew();
      this.report('replaying', position, head);
      this.options.afterBatch?.(position);
    }
  }

  private readAfter(position: number, maxCount: number): Promise<RecordedEvent[]> {
    return this.options.eventStore.readAll({ fromPosition: position, maxCount, streamPrefixes: this.prefixes });
  }

  private applyToRebuild(events: readonly RecordedEvent[]): void {
    if (events.length === 0) return;
    const batch = {};
    this.bound.forEach((part, i) => {
      const name = this.parts[i]?.name ?? String(i);
      const started = performance.now();
      part.apply(events, batch);
      this.applyMs.set(name, (this.applyMs.get(name) ?? 0) + performance.now() - started);
    });
    this.events += events.length;
  }

  /**
   * The swap, synchronous from BEGIN to COMMIT (no await: nothing else on this thread can write in
   * between). Returns null, changing nothing, when the live projection has meanwhile moved past what
   * the rebuild has read; the caller reads on and tries again.
   */
  private trySwap(position: number, tail: readonly RecordedEvent[]): number | null {
    const last = tail[tail.length - 1];
    const upTo = Math.max(position, last?.position ?? 0);
    return this.db
      .transaction((): number | null => {
        const live = this.getCheckpoint.get(EMBEDDED_PROJECTION)?.position ?? 0;
        if (live > upTo) return null;
        this.applyToRebuild(tail);
        this.bound = [];
        swapInRebuildTables(this.db, this.parts);
        this.setCheckpoint.run(EMBEDDED_PROJECTION, upTo);
        this.db.prepare('DELETE FROM projection_checkpoints WHERE name = ?').run(this.checkpointName);
        this.db.prepare('DELETE FROM projection_rebuilds WHERE name = ?').run(EMBEDDED_PROJECTION);
        return upTo;
      })
      .immediate();
  }

  private report(phase: RebuildProgress['phase'], position: number, head: number): void {
    const { started, startPosition, events } = this;
    this.options.onProgress?.(rebuildProgress(phase, { started, startPosition, events }, position, head));
  }
}
