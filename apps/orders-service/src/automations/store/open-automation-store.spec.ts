import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openBackend } from '../../infrastructure/backend';
import { MongoAutomationStore } from '@orders/automations/mongo';
import { openAutomationStore } from './open-automation-store';
import { AUTOMATIONS_FILE, SqliteAutomationStore } from '@orders/automations';

const silent = () => undefined;
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const newDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'automations-'));
  dirs.push(dir);
  return dir;
};

describe('automation store selection', () => {
  it('embedded: DATA_DIR/automations.sqlite', async () => {
    const dir = newDir();
    const backend = openBackend({ dataDir: dir }, silent);
    const store = openAutomationStore(dir, backend);
    expect(store).toBeInstanceOf(SqliteAutomationStore);
    expect(readdirSync(dir)).toContain(AUTOMATIONS_FILE);
    await store.close();
    await backend.close();
  });

  it("distributed: MongoDB over the backend's database; no file", async () => {
    const dir = newDir();
    const backend = openBackend(
      { dataDir: dir, backend: { kind: 'distributed', eventStoreUrl: 'esdb://127.0.0.1:1?tls=false', mongoUrl: 'mongodb://127.0.0.1:9/orders' } },
      silent,
    );
    const store = openAutomationStore(dir, backend);
    expect(store).toBeInstanceOf(MongoAutomationStore);
    expect(readdirSync(dir)).toEqual([]);
    await store.close();
    await backend.close();
  });
});
