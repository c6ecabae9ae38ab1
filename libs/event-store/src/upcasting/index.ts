export { createUpcasterRegistry, DEFAULT_SCHEMA_VERSION, type EventUpcaster, type UpcasterRegistry } from './upcaster-registry';
export { UpcastingEventStore } from './upcasting-event-store';
