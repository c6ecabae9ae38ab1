import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@orders/event-store';
import { FakeMongoDb } from '../../testing/fake-mongo';
import { TestLog, testOrder } from '../../testing/read-model-log';
import { CONTACT_REGISTER_COLLECTION } from './contacts.part';
import { ARTICLE_REGISTER_COLLECTION } from './articles.part';
import { MONGO_PROJECTION_PARTS } from './mongo-parts';
import { type CollectionNamer, LIVE_COLLECTIONS } from './mongo-projection-part';
import { MongoReadModels } from '../mongo-read-models';
import { ORDER_VIEW_COLLECTION } from './order-view.part';
import { SEGMENTATION_COLLECTION } from './segmentation.part';

/** Applies every part, in order, as MongoReadModels does (without a checkpoint). */
async function applyParts(fake: FakeMongoDb, events: readonly RecordedEvent[], c: CollectionNamer = LIVE_COLLECTIONS): Promise<void> {
  for (const part of MONGO_PROJECTION_PARTS) await part.apply(fake.asDb(), events, c);
}

const snapshot = (fake: FakeMongoDb) =>
  Object.fromEntries(
    fake
      .collectionNames()
      .sort()
      .map((name) => [
        name,
        // linkedAt records the batch a document was written in, which batching changes by design
        structuredClone(fake.collection(name).docs)
          .map(({ linkedAt: _linkedAt, ...doc }) => doc)
          .sort((a, b) => String(a._id).localeCompare(String(b._id))),
      ]),
  );

/** A log touching every part: contacts (shared key, change, delete), articles, stores, orders. */
function mixedLog(log: TestLog): RecordedEvent[] {
  return [
    log.registered(testOrder('o1', 'ada@example.com', '2026-01-01T00:00:00Z', 'Email')),
    log.contactSaved('c-ada', { email: 'ADA@example.com', memberNumber: 'M-1' }),
    log.articleSaved('A', { name: 'Shirt', attributes: { brand: 'Acme', tags: ['x'], 'bad.name': 1 } }),
    log.registered({ ...testOrder('o2', 'M-1', '2026-01-02T00:00:00Z', 'MemberNumber'), externalStoreId: 'S-1' }),
    log.contactSaved('c-bob', { email: 'ada@example.com' }),
    log.storeSaved('S-1', { name: 'City', country: 'SE' }),
    log.statusChanged('o1', 'Completed'),
    log.contactSaved('c-ada', { memberNumber: 'M-1' }), // lets go of the e-mail: c-bob takes over
    log.articleDeleted('A'),
    log.registered(testOrder('o3', 'c-direct')),
    log.deleted('o3'),
    log.contactDeleted('c-bob'),
  ];
}

describe('Mongo parts (in-memory fake)', () => {
  it('redelivery changes nothing: the whole log again, an older prefix after it, other batchings', async () => {
    const fake = new FakeMongoDb();
    const events = mixedLog(new TestLog());
    await applyParts(fake, events);
    const once = snapshot(fake);
    await applyParts(fake, events);
    for (const size of [1, 3, 5])
      for (let start = 0; start < events.length; start += size) await applyParts(fake, events.slice(start, start + size));
    await applyParts(fake, events.slice(0, 4));
    expect(snapshot(fake)).toEqual(once);

    const batched = new FakeMongoDb();
    for (let start = 0; start < events.length; start += 2) await applyParts(batched, events.slice(start, start + 2));
    expect(snapshot(batched)).toEqual(once);
  });

  it('keeps what the SQLite registers keep: scalar attributes under valid names, tombstones, key claims', async () => {
    const fake = new FakeMongoDb();
    const log = new TestLog();
    const events = mixedLog(log);
    await applyParts(fake, events.slice(0, 5));
    const contacts = () => fake.collection(CONTACT_REGISTER_COLLECTION).docs;
    expect(contacts().find((doc) => doc._id === 'c-ada')).toMatchObject({
      revision: 0,
      deleted: false,
      entry: { email: 'ADA@example.com', memberNumber: 'M-1' },
      keys: [
        { type: 'Email', value: 'ada@example.com', position: 20 },
        { type: 'MemberNumber', value: 'M-1', position: 20 },
      ],
    });
    expect(fake.collection(ARTICLE_REGISTER_COLLECTION).docs).toEqual([
      { _id: 'A', revision: 0, deleted: false, name: 'Shirt', attributes: { brand: 'Acme' } },
    ]);
    await applyParts(fake, events.slice(5));
    // the member number was kept (its claim stays at 20); the e-mail let go; c-bob is a tombstone
    expect(contacts().find((doc) => doc._id === 'c-ada')).toMatchObject({
      revision: 1,
      keys: [{ type: 'MemberNumber', value: 'M-1', position: 20 }],
    });
    expect(contacts().find((doc) => doc._id === 'c-bob')).toEqual({ _id: 'c-bob', revision: 1, deleted: true, keys: [] });
    expect(fake.collection(ARTICLE_REGISTER_COLLECTION).docs).toEqual([{ _id: 'A', revision: 1, deleted: true }]);
    // a redelivered save cannot bring a deleted entry back
    await applyParts(fake, [events[2]!, events[4]!]);
    expect(fake.collection(ARTICLE_REGISTER_COLLECTION).docs).toEqual([{ _id: 'A', revision: 1, deleted: true }]);
    const views = fake.collection(ORDER_VIEW_COLLECTION).docs;
    expect(views.map((doc) => [doc._id, doc.contactId, doc.matchKeyType, doc.matchKey])).toEqual([
      ['o1', null, 'Email', 'ada@example.com'],
      ['o2', 'c-ada', 'MemberNumber', 'M-1'],
      ['o3', 'c-direct', 'ContactId', 'c-direct'],
    ]);
    const segments = fake.collection(SEGMENTATION_COLLECTION).docs;
    expect(segments.map((doc) => [doc._id, doc.contactId, doc.deleted, (doc.lines as unknown[]).length])).toEqual([
      ['o1', undefined, false, 1],
      ['o2', 'c-ada', false, 1],
      ['o3', 'c-direct', true, 0],
    ]);
    expect(segments[0]).toMatchObject({
      status: 'Completed',
      revision: 1,
      createdAt: new Date('2026-01-01T00:00:00Z'),
      lines: [{ sku: 'A', quantity: 1 }],
    });
    expect(segments[0]).not.toHaveProperty('contactId');
  });

  it('with a rebuild namer, reads and writes only the suffixed collections and builds the same documents', async () => {
    const live = new FakeMongoDb();
    const rebuilt = new FakeMongoDb();
    const events = mixedLog(new TestLog());
    const rebuild: CollectionNamer = (name) => `${name}__rebuild`;
    await applyParts(live, events.slice(0, 6));
    await applyParts(rebuilt, events.slice(0, 6), rebuild);
    // the live collections of `rebuilt` are empty: the rebuild relinks from its own contact register
    await applyParts(rebuilt, events.slice(6), rebuild);
    await applyParts(live, events.slice(6));
    for (const part of MONGO_PROJECTION_PARTS) await part.ensureIndexes(rebuilt.asDb(), rebuild);
    expect(rebuilt.collectionNames().every((name) => name.endsWith('__rebuild'))).toBe(true);
    const renamed = Object.fromEntries(Object.entries(snapshot(rebuilt)).map(([name, docs]) => [name.replace('__rebuild', ''), docs]));
    expect(renamed).toEqual(snapshot(live));
  });

  it('gives order-view documents from before the contact register their match key at start, then links them', async () => {
    const fake = new FakeMongoDb();
    const log = new TestLog();
    await applyParts(fake, [log.registered(testOrder('old', 'Old@Example.com', '2026-01-01T00:00:00Z', 'Email'))]);
    const [doc] = fake.collection(ORDER_VIEW_COLLECTION).docs;
    delete doc!.matchKeyType;
    delete doc!.matchKey;
    const store = await MongoReadModels.open(fake.asDb());
    expect(fake.collection(ORDER_VIEW_COLLECTION).docs[0]).toMatchObject({ matchKeyType: 'Email', matchKey: 'old@example.com' });
    const saved = log.contactSaved('c-old', { email: 'old@example.com' });
    await store.applyBatch([saved], saved.position);
    expect((await store.getOrder('old'))?.contactId).toBe('c-old');
    expect(await store.getOrder('old')).not.toHaveProperty('matchKey');
  });
});
