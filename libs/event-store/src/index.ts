export * from './event-store.port';
export { MappingEventStore } from './mapping-event-store';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export type { GroupCommitStats, GroupCommitLimits } from './sqlite/group-commit';
export { PAGE_CACHE_KIB, setPageCache } from './sqlite/page-cache';
export * from './upcasting';
export * from './storage-fault';
export * from './failure-backoff';
export * from './threads';
