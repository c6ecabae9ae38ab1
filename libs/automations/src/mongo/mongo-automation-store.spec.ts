import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describe } from 'vitest';
import { FakeMongoDb } from '@orders/read-models/testing/fake-mongo';
import { describeAutomationStoreContract } from '../testing/automation-store.contract';
import { MongoAutomationStore } from './mongo-automation-store';

const url = process.env.MONGODB_URL?.trim();
const SUITE = 'AutomationStore contract: mongodb';

// Always: the adapter's logic over the in-memory stand-in for the driver (libs/read-models/src/testing/fake-mongo.ts).
describeAutomationStoreContract('mongodb adapter on the in-memory fake', async () => {
  const db = new FakeMongoDb().asDb();
  return { store: new MongoAutomationStore(db), another: async () => new MongoAutomationStore(db), cleanup: async () => undefined };
});

if (!url) console.info(`[skipped] ${SUITE} (MONGODB_URL) — MONGODB_URL is not set (run \`npm run test:distributed\` against a server)`);

// Against a real server: a fresh database per test (another instance = another client), dropped afterwards.
describe.skipIf(!url)(`${SUITE} (MONGODB_URL)`, () => {
  describeAutomationStoreContract('mongodb', async () => {
    const dbName = `automations-contract-${randomUUID().slice(0, 8)}`;
    const clients = [await new MongoClient(url ?? '', { serverSelectionTimeoutMS: 5_000 }).connect()];
    return {
      store: new MongoAutomationStore(clients[0]!.db(dbName)),
      another: async () => {
        const client = await new MongoClient(url ?? '', { serverSelectionTimeoutMS: 5_000 }).connect();
        clients.push(client);
        return new MongoAutomationStore(client.db(dbName));
      },
      cleanup: async () => {
        await clients[0]!.db(dbName).dropDatabase();
        await Promise.all(clients.map((client) => client.close()));
      },
    };
  });
});
