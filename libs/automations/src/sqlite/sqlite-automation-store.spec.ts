import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeAutomationStoreContract } from '../testing/automation-store.contract';
import { AUTOMATIONS_FILE, SqliteAutomationStore } from './sqlite-automation-store';

// A file per test; "another instance" opens the same file.
describeAutomationStoreContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'automations-'));
  const stores = [SqliteAutomationStore.open(join(dir, AUTOMATIONS_FILE))];
  return {
    store: stores[0]!,
    another: async () => {
      const other = SqliteAutomationStore.open(join(dir, AUTOMATIONS_FILE));
      stores.push(other);
      return other;
    },
    cleanup: async () => {
      for (const store of stores) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
