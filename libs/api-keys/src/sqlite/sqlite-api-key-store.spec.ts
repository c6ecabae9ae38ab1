import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeApiKeyStoreContract } from '../testing/api-key-store.contract';
import { API_KEYS_FILE, SqliteApiKeyStore } from './sqlite-api-key-store';

// A key file per test; "another instance" (or the CLI) opens the same file.
describeApiKeyStoreContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keys-'));
  const stores = [SqliteApiKeyStore.open(join(dir, API_KEYS_FILE))];
  return {
    store: stores[0]!,
    another: async () => {
      const other = SqliteApiKeyStore.open(join(dir, API_KEYS_FILE));
      stores.push(other);
      return other;
    },
    cleanup: async () => {
      for (const store of stores) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
