import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_KEYS_FILE, SqliteApiKeyStore } from '@orders/api-keys';
import { MongoApiKeyStore } from '@orders/api-keys/mongo';
import { AUTOMATIONS_FILE, SqliteAutomationStore } from '@orders/automations';
import { MongoAutomationStore } from '@orders/automations/mongo';
import { MongoSavedSegmentStore, MongoSegmentQueries } from '@orders/read-models/mongo';
import { PooledSegmentQueries, SqliteSavedSegmentStore, SqliteSegmentQueries } from '@orders/read-models';
import { openBackend } from './backend';
import { DataSetNotFoundError } from './backend.port';

const silent = () => undefined;
const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});
const newDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'backend-stores-'));
  dirs.push(dir);
  return dir;
};
const ESDB = 'esdb://127.0.0.1:1?tls=false';
const distributed = { kind: 'distributed', eventStoreUrl: ESDB, mongoUrl: 'mongodb://127.0.0.1:9/orders' } as const;

describe('embedded: the files under DATA_DIR', () => {
  it('automations in DATA_DIR/automations.sqlite, API keys in DATA_DIR/keys.sqlite, segments next to the read models', async () => {
    const dir = newDir();
    const backend = openBackend({ dataDir: dir }, silent);
    expect(backend.automations).toBeInstanceOf(SqliteAutomationStore);
    expect(readdirSync(dir)).toContain(AUTOMATIONS_FILE);
    const keys = await backend.apiKeys();
    expect(keys).toBeInstanceOf(SqliteApiKeyStore);
    expect(await backend.apiKeys()).toBe(keys);
    await keys.create('shop', ['orders:read']);
    expect(backend.segmentQueries).toBeInstanceOf(PooledSegmentQueries);
    expect(backend.savedSegments).toBeInstanceOf(SqliteSavedSegmentStore);
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['read-models.sqlite', AUTOMATIONS_FILE, API_KEYS_FILE]));
    await backend.close();
    const file = SqliteApiKeyStore.open(join(dir, API_KEYS_FILE));
    expect((await file.list()).map((k) => k.name)).toEqual(['shop']);
    await file.close();
  });

  it('segment queries run on the read pool by default, on the request thread with READ_POOL_SIZE 0', async () => {
    const onThread = openBackend({ dataDir: newDir(), readPool: { size: 0, budgetMs: 2000, slotsPerKey: 1 } }, silent);
    expect(onThread.segmentQueries).toBeInstanceOf(SqliteSegmentQueries);
    await onThread.close();
  });

  it('opened as `existing` (the CLI): a missing event store or data directory is named, and nothing is created', async () => {
    const dir = join(newDir(), 'typo');
    const backend = openBackend({ dataDir: dir }, silent, undefined, { existing: true });
    const missing = `no event store at ${join(dir, 'events.sqlite')} (set DATA_DIR to the service's data directory)`;
    await expect(backend.verify()).rejects.toThrow(new DataSetNotFoundError(missing));
    await expect(backend.apiKeys()).rejects.toThrow(`no data directory at ${dir} (DATA_DIR)`);
    await backend.close();
    expect(readdirSync(join(dir, '..'))).toEqual([]);
  });
});

describe("distributed: MongoDB over the backend's connection", () => {
  it('automations, API keys and segments over the read models database (no file, no connection of their own)', async () => {
    const dir = newDir();
    const backend = openBackend({ dataDir: dir, backend: distributed }, silent);
    const connect = vi.spyOn(MongoApiKeyStore, 'connect');
    expect(backend.automations).toBeInstanceOf(MongoAutomationStore);
    expect(backend.segmentQueries).toBeInstanceOf(MongoSegmentQueries);
    expect(backend.savedSegments).toBeInstanceOf(MongoSavedSegmentStore);
    expect(await backend.apiKeys()).toBeInstanceOf(MongoApiKeyStore);
    expect(connect).not.toHaveBeenCalled();
    expect(readdirSync(dir)).toEqual([]);
    await backend.close();
  });

  it('API keys alone (the CLI): a connection of their own; a server that does not answer names MONGODB_URL, password hidden', async () => {
    const settings = { dataDir: '', backend: { ...distributed, mongoUrl: 'mongodb://u:secret@127.0.0.1:9/orders' } };
    const backend = openBackend(settings, silent, 300);
    vi.spyOn(MongoApiKeyStore, 'connect').mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:9'));
    await expect(backend.apiKeys()).rejects.toThrow(
      /^MONGODB_URL: MongoDB did not answer at mongodb:\/\/u:\*\*\*@127\.0\.0\.1:9\/orders within 300 ms: connect ECONNREFUSED/,
    );
    await backend.close();
  });
});
