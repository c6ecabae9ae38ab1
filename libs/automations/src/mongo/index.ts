// Separate entry point (`@orders/automations/mongo`) so that the embedded backend never loads the driver.
export * from './mongo-automation-store';
