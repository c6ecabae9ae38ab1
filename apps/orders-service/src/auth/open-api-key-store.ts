import { join } from 'node:path';
import { API_KEYS_FILE, type ApiKeyStore, SqliteApiKeyStore } from '@orders/api-keys';
import { MongoApiKeyStore } from '@orders/api-keys/mongo';
import type { StorageBackend } from '../infrastructure/backend';

/**
 * Embedded: `DATA_DIR/keys.sqlite`. Distributed: `api_keys` in the backend's MongoDB database, over the
 * backend's connection (closed with the backend), so every instance and the CLI share the keys.
 */
export function openApiKeyStore(dataDir: string, backend: StorageBackend): ApiKeyStore {
  const db = backend.mongoDb;
  return db ? new MongoApiKeyStore(db) : SqliteApiKeyStore.open(join(dataDir, API_KEYS_FILE));
}
