export { rebuildProjections, tuneForBulkWrites, DEFAULT_REBUILD_BATCH_SIZE, EMBEDDED_PROJECTION, type RebuildOptions, type RebuildProgress, type RebuildResult } from './rebuild-projections';
export { RebuildLock, RebuildLockedError, type RebuildLockOwner } from './rebuild-lock';
export { REBUILD_SUFFIX, rebuildNamer, liveNamer } from './rebuild-tables';
export { projectionStatus, type ProjectionStatus } from './projection-status';
export { canonicalDump } from './canonical-dump';
