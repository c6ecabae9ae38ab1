import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_KEYS_FILE, SqliteApiKeyStore } from '@orders/api-keys';
import { MongoApiKeyStore } from '@orders/api-keys/mongo';
import { afterEach, describe, expect, it } from 'vitest';
import { openBackend } from '../infrastructure/backend';
import { openApiKeyStore } from './open-api-key-store';

const silent = () => undefined;
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('API key store selection', () => {
  it('embedded: DATA_DIR/keys.sqlite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'auth-'));
    dirs.push(dir);
    const backend = openBackend({ dataDir: dir }, silent);
    const store = openApiKeyStore(dir, backend);
    expect(store).toBeInstanceOf(SqliteApiKeyStore);
    await store.create('shop', ['orders:read']);
    await store.close();
    await backend.close();
    const file = SqliteApiKeyStore.open(join(dir, API_KEYS_FILE));
    expect((await file.list()).map((k) => k.name)).toEqual(['shop']);
    await file.close();
  });

  it('distributed: MongoDB over the backend database (no file, no connection of its own)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'auth-'));
    dirs.push(dir);
    const backend = openBackend(
      { dataDir: dir, backend: { kind: 'distributed', eventStoreUrl: 'esdb://127.0.0.1:1?tls=false', mongoUrl: 'mongodb://127.0.0.1:9/orders' } },
      silent,
    );
    expect(backend.mongoDb?.databaseName).toBe('orders');
    const store = openApiKeyStore(dir, backend);
    expect(store).toBeInstanceOf(MongoApiKeyStore);
    await store.close();
    await backend.close();
  });
});
