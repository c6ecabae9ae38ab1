/** The one place that chooses the embedded or the distributed backend and hands out every store a process needs. */
export * from './config-error';
export * from './backend-config';
export * from './backend.port';
export * from './backend';
export * from './order-event-store';
export * from './projections-admin';
