/** Automations: the AutomationStore port (endpoints, the delivery outbox, dead letters) and its embedded SQLite adapter. */
export * from './automation-store.port';
export * from './sqlite/sqlite-automation-store';
export * from './targets';
