// Test helpers (imports vitest): `@orders/read-models/testing`, never imported by production code.
export { describeReadModelContract, type ReadModelStore, type ReadModelStoreFactory } from './read-model.contract';
export { TestLog, testOrder } from './read-model-log';
export { describeReadSideContract, type ReadSide, type ReadSideFactory } from './read-side.contract';
