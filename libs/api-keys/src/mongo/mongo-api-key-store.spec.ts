import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { FakeMongoDb } from '@orders/read-models/testing/fake-mongo';
import { describe, expect, it } from 'vitest';
import { describeApiKeyStoreContract } from '../testing/api-key-store.contract';
import { MongoApiKeyStore } from './mongo-api-key-store';

const url = process.env.MONGODB_URL?.trim();
const SUITE = 'ApiKeyStore contract: mongodb';

// Always: the adapter's logic over the in-memory stand-in for the driver (libs/read-models/src/testing/fake-mongo.ts).
describeApiKeyStoreContract('mongodb adapter on the in-memory fake', async () => {
  const db = new FakeMongoDb().asDb();
  return { store: new MongoApiKeyStore(db), another: async () => new MongoApiKeyStore(db), cleanup: async () => undefined };
});

describe('MongoApiKeyStore', () => {
  it('stores the SHA-256 of the key under the name, never the key', async () => {
    const fake = new FakeMongoDb();
    const { key } = await new MongoApiKeyStore(fake.asDb()).create('shop', ['orders:read']);
    const docs = await fake.collection('api_keys').find({}).toArray();
    expect(docs).toEqual([
      {
        _id: 'shop',
        keyHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        scopes: ['orders:read'],
        createdAt: expect.any(String),
        revokedAt: null,
      },
    ]);
    expect(JSON.stringify(docs)).not.toContain(key);
  });

  it('connect() names an unreachable server within the bound', async () => {
    await expect(MongoApiKeyStore.connect('mongodb://127.0.0.1:9/orders', { connectTimeoutMs: 300 })).rejects.toThrow(
      /127\.0\.0\.1:9|ECONNREFUSED|Server selection/,
    );
  });
});

if (!url) console.info(`[skipped] ${SUITE} (MONGODB_URL) — MONGODB_URL is not set (run \`npm run test:distributed\` against a server)`);

// Against a real server: a fresh database per test; another instance = another client (MongoApiKeyStore.connect).
describe.skipIf(!url)(`${SUITE} (MONGODB_URL)`, () => {
  describeApiKeyStoreContract('mongodb', async () => {
    const dbName = `keys-contract-${randomUUID().slice(0, 8)}`;
    const client = await new MongoClient(url ?? '', { serverSelectionTimeoutMS: 5_000 }).connect();
    const stores: MongoApiKeyStore[] = [];
    return {
      store: new MongoApiKeyStore(client.db(dbName)),
      another: async () => {
        const other = await MongoApiKeyStore.connect(url ?? '', { dbName });
        stores.push(other);
        return other;
      },
      cleanup: async () => {
        await client.db(dbName).dropDatabase();
        await Promise.all(stores.map((store) => store.close()));
        await client.close();
      },
    };
  });
});
