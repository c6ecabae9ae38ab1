import { describe, expect, it } from 'vitest';
import { MongoBulkWriteError, MongoServerError } from 'mongodb';
import { FakeMongoDb } from '../testing/fake-mongo';
import { TestLog, testOrder } from '../testing/read-model-log';
import { isDuplicateKeyError, onlyDuplicateKeys } from './duplicate-key';
import { LIVE_COLLECTIONS } from './parts/mongo-projection-part';
import { MongoReadModels } from './mongo-read-models';
import { mongoOrderViewPart, ORDER_VIEW_COLLECTION } from './parts/order-view.part';

describe('Mongo order-view part (in-memory fake)', () => {
  it('re-applying events (no checkpoint in between, e.g. after a crash) changes nothing and does not throw', async () => {
    const fake = new FakeMongoDb();
    const db = fake.asDb();
    const log = new TestLog();
    const events = [log.registered(testOrder('a', 'c')), log.statusChanged('a', 'Completed'), log.registered(testOrder('b', 'c'))];
    await mongoOrderViewPart.apply(db, events, LIVE_COLLECTIONS);
    const snapshot = structuredClone(fake.collection(ORDER_VIEW_COLLECTION).docs);
    await mongoOrderViewPart.apply(db, events, LIVE_COLLECTIONS);
    await mongoOrderViewPart.apply(db, events.slice(0, 1), LIVE_COLLECTIONS);
    expect(fake.collection(ORDER_VIEW_COLLECTION).docs).toEqual(snapshot);
    expect(snapshot.map((doc) => [doc._id, doc.revision])).toEqual([
      ['a', 1],
      ['b', 0],
    ]);
  });

  it('an older result never overwrites a newer document (a second, lagging projector)', async () => {
    const fake = new FakeMongoDb();
    const db = fake.asDb();
    const log = new TestLog();
    const registered = log.registered(testOrder('a', 'c'));
    const changed = log.statusChanged('a', 'Completed');
    await mongoOrderViewPart.apply(db, [registered, changed], LIVE_COLLECTIONS);
    // a lagging projector that read the order before it existed computes revision 0 and upserts it:
    // the filter (revision < 0) matches nothing, the insert hits the _id (E11000) = already applied
    const collection = fake.collection(ORDER_VIEW_COLLECTION);
    const find = collection.find.bind(collection);
    collection.find = () => find({ _id: '__none__' });
    await expect(mongoOrderViewPart.apply(db, [registered], LIVE_COLLECTIONS)).resolves.toBeUndefined();
    collection.find = find;
    expect(fake.collection(ORDER_VIEW_COLLECTION).docs[0]).toMatchObject({ revision: 1, order: { status: 'Completed' } });
  });

  it('two projectors racing to create a document: the newer result wins (E11000 retried once)', async () => {
    const fake = new FakeMongoDb();
    const db = fake.asDb();
    const log = new TestLog();
    const events = [log.registered(testOrder('a', 'c')), log.statusChanged('a', 'Completed')];
    const collection = fake.collection(ORDER_VIEW_COLLECTION);
    const bulkWrite = collection.bulkWrite.bind(collection);
    let calls = 0;
    collection.bulkWrite = async (operations, options) => {
      if (++calls === 1) {
        // the other projector inserts revision 0 between our filter and our insert
        collection.docs.push({ _id: 'a', revision: 0, order: { status: 'InProgress' } });
        throw new MongoBulkWriteError({ message: 'E11000', code: 11000, writeErrors: [{ code: 11000, index: 0 }] as never }, {} as never);
      }
      return bulkWrite(operations, options);
    };
    await mongoOrderViewPart.apply(db, events, LIVE_COLLECTIONS);
    expect(calls).toBe(2);
    expect(collection.docs).toHaveLength(1);
    expect(collection.docs[0]).toMatchObject({ _id: 'a', revision: 1, order: { status: 'Completed' } });
  });

  it('classifies duplicate-key errors', () => {
    const duplicate = new MongoServerError({ message: 'E11000', code: 11000 });
    const other = new MongoServerError({ message: 'boom', code: 2 });
    expect(isDuplicateKeyError(duplicate)).toBe(true);
    expect(isDuplicateKeyError(other)).toBe(false);
    const bulk = (codes: number[]) =>
      new MongoBulkWriteError(
        { message: 'bulk', code: codes[0] ?? 1, writeErrors: codes.map((code, index) => ({ code, index })) as never },
        {} as never,
      );
    expect(onlyDuplicateKeys(bulk([11000, 11000]))).toBe(true);
    expect(onlyDuplicateKeys(bulk([11000, 121]))).toBe(false);
    expect(onlyDuplicateKeys(new Error('network'))).toBe(false);
  });
});

describe('MongoReadModels (in-memory fake)', () => {
  it('surfaces write errors other than duplicate keys', async () => {
    const fake = new FakeMongoDb();
    const store = await MongoReadModels.open(fake.asDb());
    const collection = fake.collection(ORDER_VIEW_COLLECTION);
    collection.bulkWrite = async () => {
      throw new MongoBulkWriteError({ message: 'validation', code: 121, writeErrors: [{ code: 121, index: 0 }] as never }, {} as never);
    };
    const log = new TestLog();
    const event = log.registered(testOrder('a', 'c'));
    await expect(store.applyBatch([event], event.position)).rejects.toThrow(/validation/);
    expect(await store.checkpoint()).toBe(0);
  });

  it('answers the connectivity check', async () => {
    const store = await MongoReadModels.open(new FakeMongoDb().asDb());
    await expect(store.checkConnectivity()).resolves.toBeUndefined();
    expect(store.streamPrefixes).toEqual(['contact-', 'article-', 'store-', 'order-']); // as SqliteReadModels
  });
});
