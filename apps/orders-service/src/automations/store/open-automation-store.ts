import { join } from 'node:path';
import type { StorageBackend } from '../../infrastructure/backend';
import type { AutomationStore } from '@orders/automations';
import { MongoAutomationStore } from '@orders/automations/mongo';
import { AUTOMATIONS_FILE, SqliteAutomationStore } from '@orders/automations';

/** Embedded: `DATA_DIR/automations.sqlite`. Distributed: the backend's MongoDB database (its connection, not a new one). */
export function openAutomationStore(dataDir: string, backend: StorageBackend): AutomationStore {
  const db = backend.mongoDb;
  return db ? new MongoAutomationStore(db) : SqliteAutomationStore.open(join(dataDir, AUTOMATIONS_FILE));
}
