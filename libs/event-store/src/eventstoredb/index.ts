// Separate entry point (`@orders/event-store/eventstoredb`) so that the embedded backend never loads gRPC.
export { EventStoreDbEventStore, type EventStoreDbOptions } from './eventstoredb-event-store';
export { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './retry-policy';
export { toPortPosition } from './esdb-mapping';
export { MIN_SERVER_VERSION, UnsupportedServerVersionError, assertSupportedServerVersion, parseServerVersion } from './server-version';
