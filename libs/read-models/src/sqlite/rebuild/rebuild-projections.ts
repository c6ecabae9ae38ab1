import type Database from 'better-sqlite3';
import type { EventStore } from '@orders/event-store';
import type { RebuildProgress } from '../../progress/rebuild-progress';
import { SQLITE_PROJECTION_PARTS } from '../parts/sqlite-parts';
import type { SqliteProjectionPart } from '../parts/sqlite-projection-part';
import { SqliteReadModels } from '../sqlite-read-models';
import { RebuildLock } from './rebuild-lock';
import { Rebuild } from './rebuild-run';
import { EMBEDDED_PROJECTION } from './rebuild-tables';

/** events per read and per transaction when RebuildOptions.batchSize is not given */
export const DEFAULT_REBUILD_BATCH_SIZE = 50_000;

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
