import { describe, expect, it } from 'vitest';
import { MongoBulkWriteError, MongoServerError } from 'mongodb';
import { FakeMongoDb } from './fake-mongo';

describe('FakeMongoDb (the server rules our adapters rely on)', () => {
  it('an upsert whose filter matches nothing inserts; over an existing _id that insert is E11000', async () => {
    const c = new FakeMongoDb().collection('x');
    await c.replaceOne({ _id: 'a', revision: { $lt: 1 } }, { revision: 1, v: 'one' }, { upsert: true });
    await expect(c.replaceOne({ _id: 'a', revision: { $lt: 1 } }, { revision: 1, v: 'again' }, { upsert: true })).rejects.toBeInstanceOf(
      MongoServerError,
    );
    await c.replaceOne({ _id: 'a', revision: { $lt: 2 } }, { revision: 2, v: 'two' }, { upsert: true });
    expect(c.docs).toEqual([{ _id: 'a', revision: 2, v: 'two' }]);
    await expect(
      c.bulkWrite(
        [
          { replaceOne: { filter: { _id: 'a', revision: { $lt: 2 } }, replacement: { revision: 2 }, upsert: true } },
          { replaceOne: { filter: { _id: 'b', revision: { $lt: 0 } }, replacement: { revision: 0 }, upsert: true } },
        ],
        { ordered: false },
      ),
    ).rejects.toSatisfy(
      (error: unknown) =>
        error instanceof MongoBulkWriteError &&
        [error.writeErrors]
          .flat()
          .map((e) => e.index)
          .join() === '0',
    );
    expect(c.docs.map((doc) => doc._id)).toEqual(['a', 'b']);
  });

  it('updates with operators: $setOnInsert only when inserting, $unset, equality fields of the filter on insert', async () => {
    const c = new FakeMongoDb().collection('x');
    await c.updateOne({ _id: 's', kind: 'k' }, { $set: { name: 'n' }, $setOnInsert: { createdAt: 1 } }, { upsert: true });
    await c.updateOne({ _id: 's' }, { $set: { name: 'm' }, $setOnInsert: { createdAt: 2 } }, { upsert: true });
    await c.updateMany({ kind: 'k' }, { $unset: { name: '' } });
    expect(c.docs).toEqual([{ _id: 's', kind: 'k', createdAt: 1 }]);
    await expect(c.updateOne({ _id: 's' }, { name: 'x' } as never)).rejects.toThrow(/operators/);
  });

  it('finds with projection, sort, skip, limit; aggregates with mingo; returns copies', async () => {
    const c = new FakeMongoDb().collection('x');
    for (const [id, n] of [
      ['a', 3],
      ['b', 1],
      ['c', 2],
    ] as const)
      await c.insertOne({ _id: id, n, tags: [{ v: id }] });
    expect(
      await c
        .find({ 'tags.v': { $in: ['a', 'c'] } }, { projection: { n: 1 } })
        .sort({ n: -1 })
        .toArray(),
    ).toEqual([
      { _id: 'a', n: 3 },
      { _id: 'c', n: 2 },
    ]);
    expect(await c.find({}).sort({ n: 1 }).skip(1).limit(1).toArray()).toEqual([{ _id: 'c', n: 2, tags: [{ v: 'c' }] }]);
    expect(await c.aggregate([{ $group: { _id: null, total: { $sum: '$n' } } }]).toArray()).toEqual([{ _id: null, total: 6 }]);
    const found = await c.findOne({ _id: 'a' });
    found!.n = 99;
    expect((await c.findOne({ _id: 'a' }))?.n).toBe(3);
    expect(await c.deleteMany({ n: { $gte: 2 } })).toEqual({ deletedCount: 2 });
  });
  it('refuses what a server refuses: conflicting update paths, operators in a replacement, bad $limit/$skip', async () => {
    const c = new FakeMongoDb().collection('x');
    await c.insertOne({ _id: 'a', n: 1 });
    const conflict = (error: unknown) => error instanceof MongoServerError && error.code === 40;
    // conflicts are found when the update is parsed: also when the filter matches and nothing is inserted
    await expect(c.updateOne({ _id: 'a' }, { $set: { n: 2 }, $setOnInsert: { n: 0 } }, { upsert: true })).rejects.toSatisfy(conflict);
    await expect(c.updateOne({ _id: 'a' }, { $set: { t: { u: 1 } }, $inc: { 't.u': 1 } })).rejects.toSatisfy(conflict);
    await expect(c.findOneAndUpdate({ _id: 'a' }, { $set: { n: 2 }, $unset: { n: '' } })).rejects.toSatisfy(conflict);
    await expect(
      c.bulkWrite([{ updateOne: { filter: { _id: 'a' }, update: { $set: { n: 2 }, $max: { n: 3 } } } }], { ordered: false }),
    ).rejects.toSatisfy(
      (error: unknown) => error instanceof MongoBulkWriteError && error.code === 40 && [error.writeErrors].flat()[0]?.code === 40,
    );
    expect(c.docs).toEqual([{ _id: 'a', n: 1 }]);
    await expect(c.replaceOne({ _id: 'a' }, { $set: { n: 2 } })).rejects.toThrow(/atomic operators/);
    await expect(c.aggregate([{ $limit: 0 }]).toArray()).rejects.toSatisfy(
      (error: unknown) => error instanceof MongoServerError && error.code === 15958,
    );
    await expect(c.aggregate([{ $facet: { page: [{ $skip: -1 }] } }]).toArray()).rejects.toSatisfy(
      (error: unknown) => error instanceof MongoServerError && error.code === 15956,
    );
  });

  it('createIndexes: idempotent for the same spec; another key or options under one name, or one key under two names, fail', async () => {
    const c = new FakeMongoDb().collection('x');
    expect(await c.createIndexes([{ key: { a: 1 }, name: 'by_a' }])).toEqual(['by_a']);
    expect(await c.createIndexes([{ key: { a: 1 }, name: 'by_a' }])).toEqual(['by_a']);
    const code = (n: number) => (error: unknown) => error instanceof MongoServerError && error.code === n;
    await expect(c.createIndexes([{ key: { a: 1, b: 1 }, name: 'by_a' }])).rejects.toSatisfy(code(86));
    await expect(c.createIndexes([{ key: { a: 1 }, name: 'by_a', unique: true }])).rejects.toSatisfy(code(85));
    await expect(c.createIndexes([{ key: { a: 1 }, name: 'a_again' }])).rejects.toSatisfy(code(85));
    expect(await c.createIndex({ b: -1 })).toBe('b_-1');
  });

  it('enforces unique secondary indexes on insert, upsert and update (E11000), leaving the document as it was', async () => {
    const c = new FakeMongoDb().collection('x');
    await c.createIndexes([{ key: { h: 1 }, name: 'by_h', unique: true }]);
    await c.insertOne({ _id: 'a', h: 'x' });
    await c.insertOne({ _id: 'b', h: 'y' });
    const duplicate = (error: unknown) => error instanceof MongoServerError && error.code === 11000;
    await expect(c.insertOne({ _id: 'c', h: 'x' })).rejects.toSatisfy(duplicate);
    await expect(c.updateOne({ _id: 'd' }, { $set: { h: 'y' } }, { upsert: true })).rejects.toSatisfy(duplicate);
    await expect(c.updateOne({ _id: 'b' }, { $set: { h: 'x' } })).rejects.toSatisfy(duplicate);
    await expect(c.replaceOne({ _id: 'b' }, { h: 'x' })).rejects.toSatisfy(duplicate);
    expect(c.docs).toEqual([
      { _id: 'a', h: 'x' },
      { _id: 'b', h: 'y' },
    ]);
    await expect(c.createIndexes([{ key: { k: 1 }, name: 'by_k', unique: true }])).rejects.toSatisfy(duplicate); // both lack k: null twice
  });
});
