/** Seeded, realistic Orders v3 data: the generator the bench loads the service with, and `demo load`'s data set. */
export * from './random';
export * from './customers';
export * from './order-generator';
export * from './order-templates';
export * from './demo-registers';
export * from './demo-data-set';
