// Ports: what the read side offers, whatever the store.
export * from './read-model.port';
export * from './register.port';
export * from './segment.port';
export * from './listing.port';
export * from './read-budget';
export * from './order-history.port';
// Shared by both adapters: the pure projections, the projector, where a projection stands and how a rebuild goes.
export * from './projections/order-view.projection';
export * from './projections/reference-warnings';
export { orderHistory, historyEntries, orderAt, type OrderHistoryEntry, type OrderAtTarget } from './projections/order-history';
export { OrderHistoryReader, type OrderHistoryReaderLimits } from './projections/order-history-reader';
export * from './projector/projector';
export * from './progress/projection-status';
export * from './progress/rebuild-progress';
export * from './progress/rebuild-lock-owner';
// The embedded adapter (SQLite). MongoDB has its own entry point: `@orders/read-models/mongo`.
export * from './sqlite/parts/sqlite-projection-part';
export * from './sqlite/parts/sqlite-parts';
export * from './sqlite/parts/order-view.part';
export * from './sqlite/parts/contacts.part';
export * from './sqlite/parts/articles.part';
export * from './sqlite/parts/stores.part';
export * from './sqlite/queries/sqlite-register-queries';
export * from './sqlite/queries/sqlite-listing-queries';
export * from './sqlite/queries/segmentation-queries';
export * from './sqlite/queries/pooled-order-history';
export { ReadPool, type ReadPoolOptions } from './sqlite/read-pool/read-pool';
export { runReadWorker } from './sqlite/read-pool/read-worker';
export type { HandledReadRequest, ReadRequestHandler, ReadWorkerData } from './sqlite/read-pool/read-protocol';
export * from './sqlite/queries/segmentation-saved';
export * from './sqlite/sqlite-read-models';
export * from './sqlite/rebuild';
