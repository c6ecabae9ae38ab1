import type Database from 'better-sqlite3';
import type { EventStore } from '@orders/event-store';
import { SQLITE_PROJECTION_PARTS } from '../sqlite/sqlite-parts';
import type { SqliteProjectionPart } from '../sqlite/sqlite-projection-part';
import { SqliteReadModels } from '../sqlite/sqlite-read-models';
import { RebuildLock } from './rebuild-lock';
import { Rebuild } from './rebuild-run';
import { EMBEDDED_PROJECTION } from './rebuild-tables';

export interface RebuildProgress {
  phase: 'replaying' | 'swapped';
  /** global position replayed so far */
  position: number;
  /** head of the log when last looked at */
  head: number;
  /** events applied by this run (a resumed run starts at 0) */
  events: number;
  elapsedMs: number;
  eventsPerSecond: number;
  /** estimated time left, from the position rate of this run; null until known */
  etaMs: number | null;
}

/** events per read and per transaction when RebuildOptions.batchSize is not given */
export const DEFAULT_REBUILD_BATCH_SIZE = 50_000;

/**
 * A progress report of a rebuild that started at `startPosition` at time `started` (epoch ms) and has
 * applied `events` events; the ETA comes from the position rate of this run. Shared by the embedded
 * and the MongoDB rebuild.
 */
export function rebuildProgress<Phase extends string>(
  phase: Phase,
  run: { started: number; startPosition: number; events: number },
  position: number,
  head: number,
): Omit<RebuildProgress, 'phase'> & { phase: Phase } {
  const elapsedMs = Math.max(1, Date.now() - run.started);
  const covered = position - run.startPosition;
  return {
    phase,
    position,
    head,
    events: run.events,
    elapsedMs,
    eventsPerSecond: (run.events * 1000) / elapsedMs,
    etaMs: covered > 0 ? (Math.max(0, head - position) * elapsedMs) / covered : null,
  };
}

export interface RebuildOptions {
  /** the log to replay (wrap it in the UpcastingEventStore so that old events arrive in today's shape) */
  eventStore: EventStore;
  /** the live read-model file; the rebuild runs in it, next to the live tables */
  readModelsFile: string;
  parts?: readonly SqliteProjectionPart[];
  /** events per read and per transaction (default 50 000: bigger batches let parts fold several events of one row into one write) */
  batchSize?: number;
  /** start over even when a resumable rebuild is found */
  fresh?: boolean;
  /** lock expiry, renewed every batch (default 60 s) */
  lockTtlMs?: number;
  onProgress?: (progress: RebuildProgress) => void;
  /** test hook: called after each committed batch; throwing simulates a crash there */
  afterBatch?: (position: number) => void;
}

export interface RebuildResult {
  /** the live checkpoint after the swap */
  position: number;
  events: number;
  resumedFrom: number;
  elapsedMs: number;
  /** time spent applying events, per part (the rest is reading the log and committing) */
  applyMsByPart: Record<string, number>;
}

export { EMBEDDED_PROJECTION };

/**
 * The rebuild's connection settings (this connection only): a big page cache keeps the B-trees being
 * filled in memory between batches, and fewer, bigger WAL checkpoints — each one copies the pages of
 * the B-trees being filled back into the file (and syncs it); at 10 000 pages (~40 MB of WAL) a page is
 * copied once per many batches. Also used by the benchmark's write floor, so that it writes alike.
 */
export function tuneForBulkWrites(db: Database.Database): void {
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
  db.pragma('wal_autocheckpoint = 10000');
}

/**
 * Rebuilds every part of the embedded read store from the whole log, next to the live tables in the
 * same file: fill `<table>__rebuild` tables in batches (checkpoint row `orders__rebuild`, so a crashed
 * run resumes), then in ONE transaction apply the last events, drop the live tables, rename the rebuilt
 * ones and set the live checkpoint. The API reads the old tables until that commit; the live projector
 * reads the checkpoint inside its own transaction and skips what the rebuild already applied.
 */
export async function rebuildProjections(options: RebuildOptions): Promise<RebuildResult> {
  const parts = options.parts ?? SQLITE_PROJECTION_PARTS;
  const batchSize = options.batchSize ?? DEFAULT_REBUILD_BATCH_SIZE;
  const store = SqliteReadModels.open(options.readModelsFile, parts);
  const { db } = store;
  tuneForBulkWrites(db);
  const lock = new RebuildLock(db, EMBEDDED_PROJECTION, options.lockTtlMs ?? 60_000);
  lock.acquire();
  try {
    return await new Rebuild(db, options, parts, batchSize, lock).run();
  } finally {
    lock.release();
    await store.close();
  }
}
