import type { EventStore } from '@orders/event-store';
import { projectionStatus } from '@orders/read-models';
import type { MongoReadModels } from '@orders/read-models/mongo';
import { MongoRebuildLock, rebuildMongoProjections } from '@orders/read-models/mongo/rebuild';
import { MONGO_REBUILD_BATCH_SIZE, type ProjectionsAdmin } from './projections-admin';

/** The MongoDB read models; `eventStore` as readers see it (upcasting). */
export function mongoProjections(eventStore: EventStore, readModels: MongoReadModels): ProjectionsAdmin {
  return {
    name: readModels.name,
    readStore: 'the MongoDB read store',
    positionUnit: 'log bytes',
    defaultBatchSize: MONGO_REBUILD_BATCH_SIZE,
    async status() {
      const items = await projectionStatus(eventStore, [readModels]);
      return { items, rebuildRunning: await MongoRebuildLock.holder(readModels.db, readModels.name) };
    },
    async rebuild(options = {}) {
      const result = await rebuildMongoProjections({
        eventStore,
        readModels,
        batchSize: options.batchSize ?? MONGO_REBUILD_BATCH_SIZE,
        fresh: options.fresh,
        onProgress: options.onProgress,
      });
      const { events, elapsedMs, resumedFrom, position, pausedMs, swapMs } = result;
      return { events, elapsedMs, resumedFrom, position, handover: { pausedMs, swapMs } };
    },
  };
}
