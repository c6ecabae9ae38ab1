// Separate entry point (`@orders/read-models/mongo`) so that the embedded backend never loads the driver.
export * from './parts/mongo-projection-part';
export * from './parts/mongo-parts';
export * from './parts/contacts.part';
export * from './parts/articles.part';
export * from './parts/stores.part';
export * from './parts/register-part';
export * from './parts/contact-links';
export * from './parts/order-view.part';
export * from './parts/segmentation.part';
export * from './queries/segmentation-queries';
export * from './queries/segmentation-saved';
export * from './mongo-read-models';
export * from './lease';
export { DUPLICATE_KEY, isDuplicateKeyError, onlyDuplicateKeys, upsertIfNewer } from './duplicate-key';
export * from './queries/mongo-contact-resolver';
export * from './queries/mongo-listing-queries';
