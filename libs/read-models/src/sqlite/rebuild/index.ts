export {
  rebuildProjections,
  tuneForBulkWrites,
  DEFAULT_REBUILD_BATCH_SIZE,
  EMBEDDED_PROJECTION,
  type RebuildOptions,
  type RebuildResult,
} from './rebuild-projections';
export { RebuildLock } from './rebuild-lock';
export { REBUILD_SUFFIX, rebuildNamer, liveNamer } from './rebuild-tables';
export { canonicalDump } from './canonical-dump';
