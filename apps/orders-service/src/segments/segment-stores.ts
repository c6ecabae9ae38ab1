import { SqliteReadModels } from '@orders/read-models';
import { MongoReadModels, MongoSavedSegmentStore, MongoSegmentQueries } from '@orders/read-models/mongo';
import { type SavedSegmentStore, SqliteSavedSegmentStore } from '@orders/read-models/sqlite/segmentation-saved';
import { type SegmentQueries, SqliteSegmentQueries } from '@orders/read-models/sqlite/segmentation-queries';

const unsupported = (store: unknown): Error =>
  new Error(`segmentation: no segment store for the read store ${(store as object | null)?.constructor?.name ?? String(store)}`);

/** Segment queries over the backend's read store: the embedded file (SQLite) or MongoDB. */
export function segmentQueriesFor(store: unknown): SegmentQueries {
  if (store instanceof SqliteReadModels) return new SqliteSegmentQueries(store.db);
  if (store instanceof MongoReadModels) return new MongoSegmentQueries(store.db);
  throw unsupported(store);
}

/** Saved segments next to the read models: a table of the embedded file, or a MongoDB collection. */
export function savedSegmentStoreFor(store: unknown): SavedSegmentStore {
  if (store instanceof SqliteReadModels) return new SqliteSavedSegmentStore(store.db);
  if (store instanceof MongoReadModels) return new MongoSavedSegmentStore(store.db);
  throw unsupported(store);
}
