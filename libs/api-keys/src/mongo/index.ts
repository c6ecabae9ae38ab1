// Separate entry point (`@orders/api-keys/mongo`) so that the embedded backend never loads the driver.
export * from './mongo-api-key-store';
