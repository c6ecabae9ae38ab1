// Test helpers. The contract imports vitest, so this is a separate entry point
// (`@orders/event-store/testing`) that production code never imports.
export { describeEventStoreContract } from './event-store.contract';
export { newEvent, newEvents, uniquePrefix, uniqueStream, waitFor, type StoreFactory } from './contract-helpers';
export { openTempStore } from '../sqlite/temp-store';
export { mountSmallTmpfs, type SmallTmpfs } from './tmpfs';
