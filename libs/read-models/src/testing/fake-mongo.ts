import { Aggregator, find, Query, update } from 'mingo';
import { type Db, MongoBulkWriteError, MongoServerError } from 'mongodb';

type Doc = Record<string, unknown> & { _id?: unknown };
type AnyFilter = Record<string, unknown>;
type SortSpec = Record<string, 1 | -1>;
/** Update operators only (no pipeline updates); `$setOnInsert` applies to upserted documents only. */
type UpdateSpec = Record<string, AnyFilter>;
interface UpdateResult {
  matchedCount: number;
  modifiedCount: number;
  upsertedCount: number;
  upsertedId: unknown;
}
type BulkOperation =
  | { insertOne: { document: Doc } }
  | { replaceOne: { filter: AnyFilter; replacement: Doc; upsert?: boolean } }
  | { updateOne: { filter: AnyFilter; update: UpdateSpec; upsert?: boolean; arrayFilters?: AnyFilter[] } }
  | { updateMany: { filter: AnyFilter; update: UpdateSpec; upsert?: boolean; arrayFilters?: AnyFilter[] } }
  | { deleteOne: { filter: AnyFilter } }
  | { deleteMany: { filter: AnyFilter } };

/**
 * An in-memory stand-in for the MongoDB calls the Mongo adapters make, with query, projection, update
 * and aggregation semantics from mingo and the server's rules where our logic depends on them:
 * find (filter, projection, sort, skip, limit), findOne, countDocuments, aggregate (mingo's
 * Aggregator), insertOne, updateOne/updateMany (update operators, `$setOnInsert`, upsert, arrayFilters),
 * replaceOne, deleteOne/deleteMany, bulkWrite (those six operations, ordered or not, E11000 collected as
 * write errors), findOneAndUpdate with upsert, createIndexes (accepted, not enforced), drop,
 * dropDatabase, renameCollection/dropCollection, ping.
 * Upsert: a filter that matches nothing inserts the filter's top-level equality fields plus the update
 * (or the replacement), and an existing `_id` makes that insert fail with E11000 — so the
 * revision-guarded upserts behave as on a server. Only `_id` is unique (other unique indexes are not
 * enforced). Documents are cloned in and out (callers never share them). It checks our logic, not the
 * driver or the server's query planner, string collation or type bracketing beyond mingo's: the
 * adapters are also run against a real server when MONGODB_URL is set.
 */
export class FakeMongoDb {
  private readonly collections = new Map<string, FakeCollection>();

  collection(name: string): FakeCollection {
    let collection = this.collections.get(name);
    if (!collection) this.collections.set(name, (collection = new FakeCollection()));
    return collection;
  }

  /** names of the collections that hold documents */
  collectionNames(): string[] {
    return [...this.collections].filter(([, collection]) => collection.docs.length > 0).map(([name]) => name);
  }

  async command(command: AnyFilter): Promise<AnyFilter> {
    if ('ping' in command) return { ok: 1 };
    throw new Error(`fake MongoDB: unsupported command ${JSON.stringify(command)}`);
  }

  async dropDatabase(): Promise<boolean> {
    this.collections.clear();
    return true;
  }

  /** db.renameCollection (same database): NamespaceNotFound (26) without the source; over an existing target only with dropTarget (else 48) */
  async renameCollection(from: string, to: string, options: { dropTarget?: boolean } = {}): Promise<FakeCollection> {
    const source = this.collections.get(from);
    if (!source) throw new MongoServerError({ message: `fake MongoDB: source namespace ${from} does not exist`, code: 26 });
    if (this.collections.has(to) && !options.dropTarget) throw new MongoServerError({ message: `fake MongoDB: target namespace ${to} exists`, code: 48 });
    this.collections.delete(from);
    this.collections.set(to, source);
    return source;
  }

  /** db.dropCollection: false when there was no such collection (as the driver reports NamespaceNotFound) */
  async dropCollection(name: string): Promise<boolean> {
    return this.collections.delete(name);
  }

  /** typed as the driver's Db for the adapters under test */
  asDb(): Db {
    return this as unknown as Db;
  }
}

/** Identity of an `_id` value (strings, numbers and plain objects compare by value). */
const idKey = (id: unknown): string => (typeof id === 'object' && id !== null ? `o:${JSON.stringify(id)}` : `${typeof id}:${String(id)}`);

const isOperatorObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && Object.keys(value).some((key) => key.startsWith('$'));

/** The fields an upsert's insert takes from its filter: top-level equalities (and those inside `$and`). */
function equalityFields(filter: AnyFilter): Doc {
  const out: Doc = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' && Array.isArray(value)) Object.assign(out, ...value.map((part) => equalityFields(part as AnyFilter)));
    else if (!key.startsWith('$') && !key.includes('.') && !isOperatorObject(value)) out[key] = structuredClone(value);
  }
  return out;
}

class FakeCursor {
  private sortSpec: SortSpec | undefined;
  private skipCount = 0;
  private limitCount = 0;
  private projection: AnyFilter | undefined;

  constructor(private readonly produce: (projection: AnyFilter | undefined, sort: SortSpec | undefined, skip: number, limit: number) => Doc[]) {}

  sort(spec: SortSpec): this {
    this.sortSpec = spec;
    return this;
  }

  skip(n: number): this {
    this.skipCount = n;
    return this;
  }

  limit(n: number): this {
    this.limitCount = n;
    return this;
  }

  project(projection: AnyFilter): this {
    this.projection = projection;
    return this;
  }

  async toArray(): Promise<Doc[]> {
    return this.produce(this.projection, this.sortSpec, this.skipCount, this.limitCount);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Doc> {
    for (const doc of await this.toArray()) yield doc;
  }
}

class FakeCollection {
  readonly docs: Doc[] = [];

  find(filter: AnyFilter = {}, options: { projection?: AnyFilter; sort?: SortSpec; skip?: number; limit?: number } = {}): FakeCursor {
    const cursor = new FakeCursor((projection, sort, skip, limit) => {
      let found = find(this.docs, filter, projection);
      if (sort) found = found.sort(sort);
      if (skip) found = found.skip(skip);
      if (limit) found = found.limit(limit);
      return found.all().map((doc) => structuredClone(doc as Doc));
    });
    if (options.projection) cursor.project(options.projection);
    if (options.sort) cursor.sort(options.sort);
    if (options.skip) cursor.skip(options.skip);
    if (options.limit) cursor.limit(options.limit);
    return cursor;
  }

  async findOne(filter: AnyFilter = {}, options: { projection?: AnyFilter } = {}): Promise<Doc | null> {
    const [found] = await this.find(filter, { ...options, limit: 1 }).toArray();
    return found ?? null;
  }

  async countDocuments(filter: AnyFilter = {}): Promise<number> {
    const query = new Query(filter, {});
    return this.docs.filter((doc) => query.test(doc)).length;
  }

  /** mingo's Aggregator over a copy of the documents (options such as allowDiskUse are accepted) */
  aggregate(pipeline: AnyFilter[], _options: AnyFilter = {}) {
    const docs = this.docs;
    return {
      async toArray(): Promise<Doc[]> {
        return new Aggregator(pipeline, {}).run<Doc>(structuredClone(docs)).map((doc) => structuredClone(doc));
      },
    };
  }

  async createIndexes(specs: { name?: string }[] = []): Promise<string[]> {
    return specs.map((spec, index) => spec.name ?? `index_${index}`);
  }

  async createIndex(_spec: AnyFilter, options: { name?: string } = {}): Promise<string> {
    return options.name ?? 'index';
  }

  async drop(): Promise<boolean> {
    this.docs.splice(0);
    return true;
  }

  async insertOne(document: Doc): Promise<{ acknowledged: true; insertedId: unknown }> {
    const doc = structuredClone(document);
    this.insert(doc);
    return { acknowledged: true, insertedId: doc._id };
  }

  async deleteOne(filter: AnyFilter): Promise<{ deletedCount: number }> {
    return { deletedCount: this.remove(filter, false) };
  }

  async deleteMany(filter: AnyFilter = {}): Promise<{ deletedCount: number }> {
    return { deletedCount: this.remove(filter, true) };
  }

  async updateOne(filter: AnyFilter, spec: UpdateSpec, options: { upsert?: boolean; arrayFilters?: AnyFilter[] } = {}): Promise<UpdateResult> {
    return this.updateDocs(filter, spec, options, false);
  }

  async updateMany(filter: AnyFilter, spec: UpdateSpec, options: { upsert?: boolean; arrayFilters?: AnyFilter[] } = {}): Promise<UpdateResult> {
    return this.updateDocs(filter, spec, options, true);
  }

  async replaceOne(filter: AnyFilter, replacement: Doc, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    return this.replaceDoc(filter, replacement, options.upsert ?? false);
  }

  async findOneAndUpdate(
    filter: AnyFilter,
    modifier: UpdateSpec,
    options: { upsert?: boolean; returnDocument?: 'before' | 'after' } = {},
  ): Promise<Doc | null> {
    const found = this.match(filter);
    if (found) {
      const before = structuredClone(found);
      this.modify(found, modifier, undefined, false);
      return options.returnDocument === 'after' ? structuredClone(found) : before;
    }
    if (!options.upsert) return null;
    const inserted = equalityFields(filter);
    this.modify(inserted, modifier, undefined, true);
    this.insert(inserted);
    return options.returnDocument === 'after' ? structuredClone(inserted) : null;
  }

  async bulkWrite(operations: BulkOperation[], options: { ordered?: boolean } = {}) {
    const writeErrors: { index: number; code: number; errmsg: string }[] = [];
    const result = { insertedCount: 0, matchedCount: 0, modifiedCount: 0, deletedCount: 0, upsertedCount: 0 };
    operations.forEach((operation, index) => {
      if (options.ordered !== false && writeErrors.length > 0) return;
      try {
        if ('insertOne' in operation) {
          this.insert(structuredClone(operation.insertOne.document));
          result.insertedCount++;
        } else if ('deleteOne' in operation || 'deleteMany' in operation) {
          const many = 'deleteMany' in operation;
          result.deletedCount += this.remove(many ? operation.deleteMany.filter : operation.deleteOne.filter, many);
        } else {
          const outcome =
            'replaceOne' in operation
              ? this.replaceDoc(operation.replaceOne.filter, operation.replaceOne.replacement, operation.replaceOne.upsert ?? false)
              : 'updateOne' in operation
                ? this.updateDocs(operation.updateOne.filter, operation.updateOne.update, operation.updateOne, false)
                : this.updateDocs(operation.updateMany.filter, operation.updateMany.update, operation.updateMany, true);
          result.matchedCount += outcome.matchedCount;
          result.modifiedCount += outcome.modifiedCount;
          result.upsertedCount += outcome.upsertedCount;
        }
      } catch (error) {
        if (!(error instanceof MongoServerError)) throw error;
        writeErrors.push({ index, code: error.code as number, errmsg: error.message });
      }
    });
    if (writeErrors.length > 0) {
      throw new MongoBulkWriteError({ message: 'E11000 duplicate key error', code: 11000, writeErrors: writeErrors as never }, result as never);
    }
    return { ok: 1, ...result };
  }

  private replaceDoc(filter: AnyFilter, replacement: Doc, upsert: boolean): UpdateResult {
    const found = this.match(filter);
    if (found) {
      for (const key of Object.keys(found)) if (key !== '_id') delete found[key];
      Object.assign(found, structuredClone(replacement), { _id: found._id });
      return { matchedCount: 1, modifiedCount: 1, upsertedCount: 0, upsertedId: null };
    }
    if (!upsert) return { matchedCount: 0, modifiedCount: 0, upsertedCount: 0, upsertedId: null };
    const inserted = { ...structuredClone(replacement), _id: filter._id ?? replacement._id };
    this.insert(inserted);
    return { matchedCount: 0, modifiedCount: 0, upsertedCount: 1, upsertedId: inserted._id };
  }

  private updateDocs(filter: AnyFilter, spec: UpdateSpec, options: { upsert?: boolean; arrayFilters?: AnyFilter[] }, many: boolean): UpdateResult {
    if (Array.isArray(spec)) throw new Error('fake MongoDB: pipeline updates are not supported');
    const query = new Query(filter, {});
    const matched = many ? this.docs.filter((doc) => query.test(doc)) : this.docs.filter((doc) => query.test(doc)).slice(0, 1);
    let modifiedCount = 0;
    for (const doc of matched) if (this.modify(doc, spec, options.arrayFilters, false)) modifiedCount++;
    if (matched.length > 0 || !options.upsert) return { matchedCount: matched.length, modifiedCount, upsertedCount: 0, upsertedId: null };
    const inserted = equalityFields(filter);
    this.modify(inserted, spec, options.arrayFilters, true);
    this.insert(inserted);
    return { matchedCount: 0, modifiedCount: 0, upsertedCount: 1, upsertedId: inserted._id };
  }

  /** applies update operators in place; true when something changed */
  private modify(doc: Doc, spec: UpdateSpec, arrayFilters: AnyFilter[] | undefined, inserting: boolean): boolean {
    const { $setOnInsert, ...operators } = spec;
    const modifier = inserting && $setOnInsert ? { ...operators, $set: { ...operators.$set, ...$setOnInsert } } : operators;
    for (const operator of Object.keys(modifier)) {
      if (!operator.startsWith('$')) throw new Error(`fake MongoDB: update document needs operators, got '${operator}'`);
    }
    return update(doc, structuredClone(modifier) as never, arrayFilters, undefined, { cloneMode: 'deep' }).length > 0;
  }

  private remove(filter: AnyFilter, many: boolean): number {
    const query = new Query(filter, {});
    let removed = 0;
    for (let index = this.docs.length - 1; index >= 0; index--) {
      if (!query.test(this.docs[index]!)) continue;
      if (!many) {
        // the first match in insertion order, as a natural-order scan would find it
        const first = this.docs.findIndex((doc) => query.test(doc));
        this.docs.splice(first, 1);
        return 1;
      }
      this.docs.splice(index, 1);
      removed++;
    }
    return removed;
  }

  private match(filter: AnyFilter): Doc | undefined {
    const query = new Query(filter, {});
    return this.docs.find((doc) => query.test(doc));
  }

  private insert(doc: Doc): void {
    if (doc._id === undefined) throw new Error('fake MongoDB: documents need an _id (no ObjectId generation)');
    const key = idKey(doc._id);
    if (this.docs.some((existing) => idKey(existing._id) === key)) {
      throw new MongoServerError({ message: `E11000 duplicate key error dup key: { _id: ${JSON.stringify(doc._id)} }`, code: 11000 });
    }
    this.docs.push(doc);
  }
}
