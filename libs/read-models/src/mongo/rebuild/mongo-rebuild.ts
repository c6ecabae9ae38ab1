import type { EventStore } from '@orders/event-store';
import type { RebuildProgress } from '../../progress/rebuild-progress';
import type { MongoReadModels } from '../mongo-read-models';
import { MongoRebuildLock } from './mongo-rebuild-lock';
import { MongoRebuildRun } from './mongo-rebuild-run';
import { ProjectorHandover, type ProjectorHandoverOptions } from './projector-handover';

/**
 * `replaying`: filling the `__rebuild` collections; `pausing`: the live projector's lease is taken and
 * the rebuild waits (replaying on) until the previous holder has certainly stopped; `swapping`: the
 * live projector is stopped, the rebuild catches up to the head and renames; `swapped`: done.
 */
export type MongoRebuildProgress = Omit<RebuildProgress, 'phase'> & { phase: 'replaying' | 'pausing' | 'swapping' | 'swapped' };

export interface MongoRebuildOptions {
  /** the log to replay (wrap it in the UpcastingEventStore so that old events arrive in today's shape) */
  eventStore: EventStore;
  /** the live read models: their database, parts and projection name (checkpoint document) */
  readModels: MongoReadModels;
  /** events per read and per write round (default 10 000) */
  batchSize?: number;
  /** start over even when a resumable rebuild is found */
  fresh?: boolean;
  /** rebuild lock expiry, renewed every batch (default 60 s) */
  lockTtlMs?: number;
  /** how the live projector's lease is taken over (role `projector`, ttl 15 s, margin 2 s) */
  handover?: ProjectorHandoverOptions;
  onProgress?: (progress: MongoRebuildProgress) => void;
  /** test hook: called after each batch written to the `__rebuild` collections; throwing simulates a crash */
  afterBatch?: (position: number) => void | Promise<void>;
  /** test hook: called after each collection was renamed over its live one */
  afterRename?: (collection: string) => void | Promise<void>;
}

export interface MongoRebuildResult {
  /** the live checkpoint after the swap */
  position: number;
  /** events applied by this run */
  events: number;
  /** position this run resumed from (0: from the start) */
  resumedFrom: number;
  elapsedMs: number;
  /** from taking the live projector's lease to giving it back */
  pausedMs: number;
  /** from the first rename to the live checkpoint update: the window in which readers see a mix */
  swapMs: number;
}

/**
 * Rebuilds every part of the Mongo read models from the whole log next to the live collections:
 * replays into `<collection>__rebuild` (checkpoint in `projection_rebuilds`, so a crashed run resumes;
 * lock in `rebuild_locks`), then pauses the live projector by taking its lease (ProjectorHandover),
 * catches up to the head, renames each rebuilt collection over the live one (`dropTarget`), sets the
 * live checkpoint and gives the lease back. The API reads the old collections until their rename.
 */
export async function rebuildMongoProjections(options: MongoRebuildOptions): Promise<MongoRebuildResult> {
  const { db, name } = options.readModels;
  const lock = new MongoRebuildLock(db, name, options.lockTtlMs ?? 60_000);
  await lock.acquire();
  const handover = new ProjectorHandover(db, `rebuild:${lock.owner}`, options.handover);
  try {
    return await new MongoRebuildRun(options, lock, handover).run();
  } finally {
    await handover.release();
    await lock.release();
  }
}
