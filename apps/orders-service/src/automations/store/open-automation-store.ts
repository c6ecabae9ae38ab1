import { join } from 'node:path';
import type { StorageBackend } from '../../infrastructure/backend';
import type { AutomationStore } from './automation-store.port';
import { MongoAutomationStore } from './mongo-automation-store';
import { AUTOMATIONS_FILE, SqliteAutomationStore } from './sqlite-automation-store';

/** Embedded: `DATA_DIR/automations.sqlite`. Distributed: the backend's MongoDB database (its connection, not a new one). */
export function openAutomationStore(dataDir: string, backend: StorageBackend): AutomationStore {
  const db = backend.mongoDb;
  return db ? new MongoAutomationStore(db) : SqliteAutomationStore.open(join(dataDir, AUTOMATIONS_FILE));
}
