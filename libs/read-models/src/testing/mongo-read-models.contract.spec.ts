import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { MongoReadModels } from '../mongo/mongo-read-models';
import { FakeMongoDb } from './fake-mongo';
import { describeReadModelContract } from './read-model.contract';

const url = process.env.MONGODB_URL?.trim();
const SUITE = 'ReadModel contract: mongodb';

// Always: the adapter's logic over an in-memory stand-in for the driver (see fake-mongo.ts).
describeReadModelContract('mongodb adapter on the in-memory fake', async () => {
  const store = await MongoReadModels.open(new FakeMongoDb().asDb());
  return { store, cleanup: () => store.close() };
});

if (!url) {
  console.info(`[skipped] ${SUITE} (MONGODB_URL) — MONGODB_URL is not set (run \`npm run test:distributed\` against a server)`);
}

// Against a real server: one fresh database per test, dropped afterwards.
describe.skipIf(!url)(`${SUITE} (MONGODB_URL)`, () => {
  describeReadModelContract('mongodb', async () => {
    const store = await MongoReadModels.connect(url ?? '', { dbName: `orders-contract-${randomUUID().slice(0, 8)}` });
    return {
      store,
      cleanup: async () => {
        await store.db.dropDatabase();
        await store.close();
      },
    };
  });
});
