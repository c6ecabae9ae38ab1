// Separate entry point (`@orders/read-models/mongo`) so that the embedded backend never loads the driver.
export * from './mongo-projection-part';
export * from './mongo-parts';
export * from './contacts.part';
export * from './articles.part';
export * from './stores.part';
export * from './register-part';
export * from './contact-links';
export * from './order-view.part';
export * from './segmentation.part';
export * from './segmentation-queries';
export * from './segmentation-saved';
export * from './mongo-read-models';
export * from './lease';
export { DUPLICATE_KEY, isDuplicateKeyError, onlyDuplicateKeys, upsertIfNewer } from './duplicate-key';
export * from './mongo-contact-resolver';
