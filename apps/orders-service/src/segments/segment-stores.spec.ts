import { describe, expect, it } from 'vitest';
import { SqliteReadModels } from '@orders/read-models';
import { MongoReadModels, MongoSavedSegmentStore, MongoSegmentQueries } from '@orders/read-models/mongo';
import { SqliteSavedSegmentStore } from '@orders/read-models/sqlite/segmentation-saved';
import { SqliteSegmentQueries } from '@orders/read-models/sqlite/segmentation-queries';
import { FakeMongoDb } from '@orders/read-models/testing/fake-mongo';
import { savedSegmentStoreFor, segmentQueriesFor } from './segment-stores';

describe('segment stores per backend', () => {
  it('embedded: the SQLite segmentation tables and saved_segments table', async () => {
    const store = SqliteReadModels.open(':memory:');
    expect(segmentQueriesFor(store)).toBeInstanceOf(SqliteSegmentQueries);
    expect(savedSegmentStoreFor(store)).toBeInstanceOf(SqliteSavedSegmentStore);
    await store.close();
  });

  it('distributed: the MongoDB segmentation collection and saved_segments collection', async () => {
    const store = await MongoReadModels.open(new FakeMongoDb().asDb());
    expect(segmentQueriesFor(store)).toBeInstanceOf(MongoSegmentQueries);
    expect(savedSegmentStoreFor(store)).toBeInstanceOf(MongoSavedSegmentStore);
  });

  it('refuses any other store at start instead of answering later', () => {
    expect(() => segmentQueriesFor({})).toThrow(/no segment store for the read store Object/);
    expect(() => savedSegmentStoreFor(null)).toThrow(/no segment store/);
  });
});
