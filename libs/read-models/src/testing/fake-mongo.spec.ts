import { describe, expect, it } from 'vitest';
import { MongoBulkWriteError, MongoServerError } from 'mongodb';
import { FakeMongoDb } from './fake-mongo';

describe('FakeMongoDb (the server rules our adapters rely on)', () => {
  it('an upsert whose filter matches nothing inserts; over an existing _id that insert is E11000', async () => {
    const c = new FakeMongoDb().collection('x');
    await c.replaceOne({ _id: 'a', revision: { $lt: 1 } }, { revision: 1, v: 'one' }, { upsert: true });
    await expect(c.replaceOne({ _id: 'a', revision: { $lt: 1 } }, { revision: 1, v: 'again' }, { upsert: true })).rejects.toBeInstanceOf(MongoServerError);
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
    ).rejects.toSatisfy((error: unknown) => error instanceof MongoBulkWriteError && [error.writeErrors].flat().map((e) => e.index).join() === '0');
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
    for (const [id, n] of [['a', 3], ['b', 1], ['c', 2]] as const) await c.insertOne({ _id: id, n, tags: [{ v: id }] });
    expect(await c.find({ 'tags.v': { $in: ['a', 'c'] } }, { projection: { n: 1 } }).sort({ n: -1 }).toArray()).toEqual([{ _id: 'a', n: 3 }, { _id: 'c', n: 2 }]);
    expect(await c.find({}).sort({ n: 1 }).skip(1).limit(1).toArray()).toEqual([{ _id: 'c', n: 2, tags: [{ v: 'c' }] }]);
    expect(await c.aggregate([{ $group: { _id: null, total: { $sum: '$n' } } }]).toArray()).toEqual([{ _id: null, total: 6 }]);
    const found = await c.findOne({ _id: 'a' });
    found!.n = 99;
    expect((await c.findOne({ _id: 'a' }))?.n).toBe(3);
    expect(await c.deleteMany({ n: { $gte: 2 } })).toEqual({ deletedCount: 2 });
  });
});
