import type { EventStore } from '@orders/event-store';
import {
  DEFAULT_REBUILD_BATCH_SIZE,
  EMBEDDED_PROJECTION,
  type ProjectionStatus,
  projectionStatus,
  RebuildLock,
  type RebuildLockOwner,
  type RebuildProgress,
  rebuildProjections,
  SqliteReadModels,
} from '@orders/read-models';

/** events per batch of a MongoDB rebuild when none is given */
export const MONGO_REBUILD_BATCH_SIZE = 10_000;

/** What `projections status` shows: the figures of GET /api/v3/admin/projections plus a running rebuild. */
export interface ProjectionsReport {
  items: ProjectionStatus[];
  rebuildRunning: RebuildLockOwner | null;
}

export type ProjectionsRebuildProgress = Omit<RebuildProgress, 'phase'> & { phase: string };

export interface ProjectionsRebuildOptions {
  /** events per batch (default: the backend's defaultBatchSize) */
  batchSize?: number;
  /** start over instead of resuming an interrupted rebuild */
  fresh?: boolean;
  onProgress?: (progress: ProjectionsRebuildProgress) => void;
}

export interface ProjectionsRebuildResult {
  events: number;
  elapsedMs: number;
  resumedFrom: number;
  position: number;
  /** MongoDB: how long the live projector was paused and how long the collection swap took */
  handover?: { pausedMs: number; swapMs: number };
}

/** The read models' one projection: its status and its rebuild, the same for both backends. */
export interface ProjectionsAdmin {
  /** the projection holding every read model */
  readonly name: string;
  /** the read store in messages ("the embedded backend has one projection …") */
  readonly readStore: string;
  /** what a position counts (EventStoreDB positions are byte offsets in its log) */
  readonly positionUnit: string;
  readonly defaultBatchSize: number;
  status(): Promise<ProjectionsReport>;
  /** throws RebuildLockedError while another rebuild runs */
  rebuild(options?: ProjectionsRebuildOptions): Promise<ProjectionsRebuildResult>;
}

/** The embedded read-model file; `eventStore` as readers see it (upcasting). */
export function embeddedProjections(eventStore: EventStore, readModelsFile: string): ProjectionsAdmin {
  return {
    name: EMBEDDED_PROJECTION,
    readStore: 'the embedded backend',
    positionUnit: 'positions',
    defaultBatchSize: DEFAULT_REBUILD_BATCH_SIZE,
    async status() {
      const readModels = SqliteReadModels.open(readModelsFile);
      try {
        const items = await projectionStatus(eventStore, [readModels]);
        return { items, rebuildRunning: RebuildLock.holder(readModels.db, EMBEDDED_PROJECTION) };
      } finally {
        await readModels.close();
      }
    },
    async rebuild(options = {}) {
      const { events, elapsedMs, resumedFrom, position } = await rebuildProjections({
        eventStore,
        readModelsFile,
        batchSize: options.batchSize ?? DEFAULT_REBUILD_BATCH_SIZE,
        fresh: options.fresh,
        onProgress: options.onProgress,
      });
      return { events, elapsedMs, resumedFrom, position };
    },
  };
}
