import { randomUUID } from 'node:crypto';
import { describe } from 'vitest';
import { MongoListingQueries } from '../mongo/queries/mongo-listing-queries';
import { MongoContactResolver } from '../mongo/queries/mongo-contact-resolver';
import { MongoReadModels } from '../mongo/mongo-read-models';
import { MongoSavedSegmentStore } from '../mongo/queries/segmentation-saved';
import { MongoSegmentQueries } from '../mongo/queries/segmentation-queries';
import { FakeMongoDb } from './fake-mongo';
import { describeListingContract } from './listing.contract';
import { describeReadModelContract } from './read-model.contract';
import { describeReadSideContract, type ReadSide } from './read-side.contract';

const url = process.env.MONGODB_URL?.trim();
const SUITE = 'ReadModel contract: mongodb';

const readSide = (store: MongoReadModels): ReadSide => ({
  store,
  contacts: new MongoContactResolver(store),
  segments: new MongoSegmentQueries(store.db),
  saved: new MongoSavedSegmentStore(store.db),
});

// Always: the adapter's logic over an in-memory stand-in for the driver (see fake-mongo.ts).
describeReadModelContract('mongodb adapter on the in-memory fake', async () => {
  const store = await MongoReadModels.open(new FakeMongoDb().asDb());
  return { store, cleanup: () => store.close() };
});

describeReadSideContract('mongodb adapter on the in-memory fake', async () => {
  const store = await MongoReadModels.open(new FakeMongoDb().asDb());
  return { ...readSide(store), cleanup: () => store.close() };
});

describeListingContract('mongodb adapter on the in-memory fake', async () => {
  const store = await MongoReadModels.open(new FakeMongoDb().asDb());
  return { store, listings: new MongoListingQueries(store.db), cleanup: () => store.close() };
});

if (!url) {
  console.info(`[skipped] ${SUITE} (MONGODB_URL) — MONGODB_URL is not set (run \`npm run test:distributed\` against a server)`);
  console.info(
    `[skipped] ReadSide contract: mongodb (MONGODB_URL) — MONGODB_URL is not set (run \`npm run test:distributed\` against a server)`,
  );
  console.info(
    `[skipped] Listing contract: mongodb (MONGODB_URL) — MONGODB_URL is not set (run \`npm run test:distributed\` against a server)`,
  );
}

// Against a real server: one fresh database per store, dropped afterwards.
describe.skipIf(!url)(`${SUITE} (MONGODB_URL)`, () => {
  const connect = async () => {
    const store = await MongoReadModels.connect(url ?? '', { dbName: `orders-contract-${randomUUID().slice(0, 8)}` });
    const cleanup = async () => {
      await store.db.dropDatabase();
      await store.close();
    };
    return { store, cleanup };
  };
  describeReadModelContract('mongodb', connect);
  describeReadSideContract('mongodb', async () => {
    const { store, cleanup } = await connect();
    return { ...readSide(store), cleanup };
  });
  describeListingContract('mongodb', async () => {
    const { store, cleanup } = await connect();
    return { store, listings: new MongoListingQueries(store.db), cleanup };
  });
});
