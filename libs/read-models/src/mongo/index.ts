// Separate entry point (`@orders/read-models/mongo`) so that the embedded backend never loads the driver.
export * from './mongo-projection-part';
export * from './mongo-parts';
export * from './order-view.part';
export * from './mongo-read-models';
export * from './lease';
export { DUPLICATE_KEY, isDuplicateKeyError, onlyDuplicateKeys, upsertIfNewer } from './duplicate-key';
export * from './mongo-contact-resolver';
