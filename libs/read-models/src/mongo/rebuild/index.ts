// `@orders/read-models/mongo/rebuild`: the rebuild of the MongoDB read models (loads the driver).
export { rebuildMongoProjections, type MongoRebuildOptions, type MongoRebuildProgress, type MongoRebuildResult } from './mongo-rebuild';
export { MongoRebuildLock, REBUILD_LOCK_COLLECTION } from './mongo-rebuild-lock';
export { ProjectorHandover, type ProjectorHandoverOptions } from './projector-handover';
export { MONGO_REBUILD_SUFFIX, REBUILD_STATE_COLLECTION, liveCollection, rebuildCollection } from './rebuild-state';
export { canonicalMongoDump } from './canonical-mongo-dump';
