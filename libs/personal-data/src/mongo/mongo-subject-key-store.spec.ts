import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { FakeMongoDb } from '@orders/read-models/testing/fake-mongo';
import { describe } from 'vitest';
import { describeSubjectKeyStoreContract } from '../testing/subject-key-store.contract';
import { MongoSubjectKeyStore } from './mongo-subject-key-store';

const url = process.env.MONGODB_URL?.trim();
const SUITE = 'SubjectKeyStore contract: mongodb';

// Always: the adapter's logic over the in-memory stand-in for the driver.
describeSubjectKeyStoreContract('mongodb adapter on the in-memory fake', async () => {
  const db = new FakeMongoDb().asDb();
  return { store: new MongoSubjectKeyStore(db), another: async () => new MongoSubjectKeyStore(db), cleanup: async () => undefined };
});

if (!url) console.info(`[skipped] ${SUITE} (MONGODB_URL) — MONGODB_URL is not set (run \`npm run test:distributed\` against a server)`);

// Against a real server: a fresh database per test; another instance = another client.
describe.skipIf(!url)(`${SUITE} (MONGODB_URL)`, () => {
  describeSubjectKeyStoreContract('mongodb', async () => {
    const dbName = `subject-keys-${randomUUID().slice(0, 8)}`;
    const client = await new MongoClient(url ?? '', { serverSelectionTimeoutMS: 5_000 }).connect();
    const clients = [client];
    return {
      store: new MongoSubjectKeyStore(client.db(dbName)),
      another: async () => {
        const other = await new MongoClient(url ?? '', { serverSelectionTimeoutMS: 5_000 }).connect();
        clients.push(other);
        const store = new MongoSubjectKeyStore(other.db(dbName));
        await store.prepare();
        return store;
      },
      cleanup: async () => {
        await client.db(dbName).dropDatabase();
        await Promise.all(clients.map((c) => c.close()));
      },
    };
  });
});
