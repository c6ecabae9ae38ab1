import { find, Query, update } from 'mingo';
import { type Db, MongoBulkWriteError, MongoServerError } from 'mongodb';

type Doc = Record<string, unknown> & { _id?: unknown };
type AnyFilter = Record<string, unknown>;

/**
 * An in-memory stand-in for the few MongoDB calls the Mongo adapters make (find/sort/skip/limit,
 * findOne, countDocuments, unordered bulk replaceOne with upsert, findOneAndUpdate with upsert,
 * deleteOne, createIndexes, ping), with query and update semantics from mingo and the server's
 * upsert rule: an upsert whose filter matches nothing inserts, and an existing `_id` makes that
 * insert fail with E11000. It checks our logic, not the driver: the adapters are also run against a
 * real server when MONGODB_URL is set.
 */
export class FakeMongoDb {
  private readonly collections = new Map<string, FakeCollection>();

  collection(name: string): FakeCollection {
    let collection = this.collections.get(name);
    if (!collection) this.collections.set(name, (collection = new FakeCollection()));
    return collection;
  }

  async command(command: AnyFilter): Promise<AnyFilter> {
    if ('ping' in command) return { ok: 1 };
    throw new Error(`fake MongoDB: unsupported command ${JSON.stringify(command)}`);
  }

  /** typed as the driver's Db for the adapters under test */
  asDb(): Db {
    return this as unknown as Db;
  }
}

class FakeCollection {
  readonly docs: Doc[] = [];

  find(filter: AnyFilter = {}) {
    const docs = this.docs;
    let sort: Record<string, 1 | -1> | undefined;
    let skip = 0;
    let limit = 0;
    const cursor = {
      sort(spec: Record<string, 1 | -1>) { sort = spec; return cursor; },
      skip(n: number) { skip = n; return cursor; },
      limit(n: number) { limit = n; return cursor; },
      async toArray(): Promise<Doc[]> {
        let found = find(docs, filter);
        if (sort) found = found.sort(sort);
        if (skip) found = found.skip(skip);
        if (limit) found = found.limit(limit);
        return found.all().map((doc) => structuredClone(doc as Doc));
      },
    };
    return cursor;
  }

  async findOne(filter: AnyFilter): Promise<Doc | null> {
    const found = this.match(filter);
    return found ? structuredClone(found) : null;
  }

  async countDocuments(filter: AnyFilter): Promise<number> {
    return this.docs.filter((doc) => new Query(filter, {}).test(doc)).length;
  }

  async createIndexes(): Promise<string[]> {
    return [];
  }

  async deleteOne(filter: AnyFilter): Promise<{ deletedCount: number }> {
    const index = this.docs.findIndex((doc) => new Query(filter, {}).test(doc));
    if (index >= 0) this.docs.splice(index, 1);
    return { deletedCount: index >= 0 ? 1 : 0 };
  }

  async findOneAndUpdate(
    filter: AnyFilter,
    modifier: { $set: AnyFilter },
    options: { upsert?: boolean; returnDocument?: 'before' | 'after' } = {},
  ): Promise<Doc | null> {
    const found = this.match(filter);
    if (found) {
      const before = structuredClone(found);
      update(found, modifier);
      return options.returnDocument === 'after' ? structuredClone(found) : before;
    }
    if (!options.upsert) return null;
    const inserted: Doc = { _id: filter._id };
    update(inserted, modifier);
    this.insert(inserted);
    return options.returnDocument === 'after' ? structuredClone(inserted) : null;
  }

  async bulkWrite(
    operations: { replaceOne: { filter: AnyFilter; replacement: Doc; upsert?: boolean } }[],
    options: { ordered?: boolean } = {},
  ): Promise<void> {
    const writeErrors: { index: number; code: number; errmsg: string }[] = [];
    operations.forEach(({ replaceOne: { filter, replacement, upsert } }, index) => {
      if (options.ordered !== false && writeErrors.length > 0) return;
      const found = this.match(filter);
      if (found) {
        for (const key of Object.keys(found)) if (key !== '_id') delete found[key];
        Object.assign(found, structuredClone(replacement), { _id: found._id });
        return;
      }
      if (!upsert) return;
      try {
        this.insert({ ...structuredClone(replacement), _id: filter._id ?? replacement._id });
      } catch (error) {
        writeErrors.push({ index, code: (error as MongoServerError).code as number, errmsg: (error as Error).message });
      }
    });
    if (writeErrors.length > 0) {
      throw new MongoBulkWriteError({ message: 'E11000 duplicate key error', code: 11000, writeErrors: writeErrors as never }, {} as never);
    }
  }

  private match(filter: AnyFilter): Doc | undefined {
    const query = new Query(filter, {});
    return this.docs.find((doc) => query.test(doc));
  }

  private insert(doc: Doc): void {
    if (this.docs.some((existing) => existing._id === doc._id)) {
      throw new MongoServerError({ message: `E11000 duplicate key error dup key: { _id: ${JSON.stringify(doc._id)} }`, code: 11000 });
    }
    this.docs.push(doc);
  }
}
