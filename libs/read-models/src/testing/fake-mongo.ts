import { Aggregator, find, Query, update } from 'mingo';
import { type Db, MongoBulkWriteError, MongoNetworkError, MongoServerError } from 'mongodb';

type Doc = Record<string, unknown> & { _id?: unknown };
type AnyFilter = Record<string, unknown>;
type SortSpec = Record<string, 1 | -1>;
/** Update operators (`$setOnInsert` applies to upserted documents only), or an update pipeline of `$set`/`$unset` stages. */
type UpdateSpec = Record<string, AnyFilter> | AnyFilter[];
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
 * A fault a test injects into the next matching write (see FakeMongoDb.injectFault):
 * - `writeConcernError`: the write applies, then fails with a write-concern error as the driver reports
 *   it (a bulk write: MongoBulkWriteError whose result carries writeConcernErrors, next to any write errors);
 * - `networkError`: a bulk write applies its first `afterOps` operations (default 0), then fails with
 *   MongoNetworkError (the caller cannot know what landed); a single write applies, then fails.
 */
export type FakeFault =
  { kind: 'writeConcernError'; collection?: string; code?: number } | { kind: 'networkError'; collection?: string; afterOps?: number };

/** A write about to apply, as the interleaving hook sees it. */
export interface FakeWrite {
  collection: string;
  operation: string;
}

/** The server's BSON document limit, which is also the command size limit (16 MiB). */
export const MAX_BSON_BYTES = 16 * 1024 * 1024;

/**
 * An in-memory stand-in for the MongoDB calls the Mongo adapters make, with query, projection, update
 * and aggregation semantics from mingo and the server's rules where our logic depends on them:
 * find (filter, projection, sort, skip, limit), findOne, countDocuments, aggregate (mingo's
 * Aggregator), insertOne, updateOne/updateMany (update operators, `$setOnInsert`, upsert, arrayFilters),
 * replaceOne, deleteOne/deleteMany, bulkWrite (those six operations, ordered or not, E11000 collected as
 * write errors), findOneAndUpdate with upsert, createIndexes, drop, dropDatabase,
 * renameCollection/dropCollection, ping.
 * Stricter like a server: update operators touching the same or nested paths (`$set` with
 * `$setOnInsert` on one field, `a` with `a.b`) fail with ConflictingUpdateOperators (40) even when
 * nothing is inserted; a replacement with `$` keys is refused; createIndexes over an existing index
 * name with another key or options fails (IndexKeySpecsConflict 86 / IndexOptionsConflict 85), as does
 * the same key under another name (85); unique secondary indexes are enforced (E11000); `$limit` must be
 * positive and `$skip` non-negative in a pipeline.
 * Upsert: a filter that matches nothing inserts the filter's top-level equality fields plus the update
 * (or the replacement), and an existing `_id` makes that insert fail with E11000 — so the
 * revision-guarded upserts behave as on a server. `_id` and unique indexes are unique. Documents are cloned in and out (callers never share them). It checks our logic, not the
 * driver or the server's query planner, string collation or type bracketing beyond mingo's: the
 * adapters are also run against a real server when MONGODB_URL is set.
 *
 * Concurrency, as on a server: every write operation is awaited through an asynchronous gate before it
 * applies, so two writers can interleave between one's read and its write. `interleave = true` yields to
 * the event loop there; `beforeWrite` lets a test park a writer at that point (a barrier) while another
 * runs. Update pipelines of `$set`/`$unset` stages are supported, with `$$NOW` from `now()` (the
 * server's clock). Faults: injectFault() (write-concern errors, network errors mid-bulk); a write that
 * would make a document larger than `maxDocumentBytes` (16 MiB, BSONObjectTooLarge 10334) and a bulk
 * write whose operations exceed it in one command are refused.
 */
export class FakeMongoDb {
  private readonly collections = new Map<string, FakeCollection>();
  private readonly faults: FakeFault[] = [];
  /** the server's clock: `$$NOW` in update pipelines */
  now: () => Date = () => new Date();
  /** yield to the event loop before every write applies */
  interleave = false;
  /** awaited before every write applies (after the caller's own reads): a test's barrier */
  beforeWrite: ((write: FakeWrite) => Promise<void> | void) | null = null;
  /** the largest document (and single-operation command) a write may produce */
  maxDocumentBytes = MAX_BSON_BYTES;

  collection(name: string): FakeCollection {
    let collection = this.collections.get(name);
    if (!collection) this.collections.set(name, (collection = new FakeCollection(this, name)));
    return collection;
  }

  /** queues a fault for the next write on `fault.collection` (any collection when absent) */
  injectFault(fault: FakeFault): void {
    this.faults.push(fault);
  }

  /** @internal the gate every write passes: interleaving, then the injected fault meant for it */
  async gate(collection: string, operation: string): Promise<FakeFault | undefined> {
    if (this.interleave) await new Promise((resolve) => setImmediate(resolve));
    await this.beforeWrite?.({ collection, operation });
    const index = this.faults.findIndex((fault) => fault.collection === undefined || fault.collection === collection);
    return index < 0 ? undefined : this.faults.splice(index, 1)[0];
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
    if (this.collections.has(to) && !options.dropTarget)
      throw new MongoServerError({ message: `fake MongoDB: target namespace ${to} exists`, code: 48 });
    this.collections.delete(from);
    this.collections.set(to, source);
    source.name = to;
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
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  !(value instanceof Date) &&
  Object.keys(value).some((key) => key.startsWith('$'));

/** A server error with a code, as the driver throws it. */
const serverError = (code: number, message: string): MongoServerError =>
  new MongoServerError({ message: `fake MongoDB: ${message}`, code });

/** ConflictingUpdateOperators (40): two update paths that are equal or one a prefix of the other, across all operators. */
function assertNoConflicts(spec: UpdateSpec): void {
  if (Array.isArray(spec)) return; // a pipeline's stages apply one after the other
  const paths: string[] = [];
  for (const fields of Object.values(spec)) {
    for (const path of Object.keys(fields ?? {})) {
      const clash = paths.find((seen) => seen === path || seen.startsWith(`${path}.`) || path.startsWith(`${seen}.`));
      if (clash !== undefined) throw serverError(40, `Updating the path '${path}' would create a conflict at '${clash}'`);
      paths.push(path);
    }
  }
}

interface IndexSpec {
  key: Record<string, unknown>;
  name?: string;
  unique?: boolean;
  [option: string]: unknown;
}

/** The server's default index name: `field_1_other_-1`. */
const defaultIndexName = (key: Record<string, unknown>): string =>
  Object.entries(key)
    .map(([field, order]) => `${field}_${String(order)}`)
    .join('_');

/** The options of an index that make two specs with one name differ (name and key excluded). */
const indexOptions = ({ key: _key, name: _name, ...options }: IndexSpec): string =>
  JSON.stringify(
    Object.entries(options)
      .filter(([, v]) => v !== undefined && v !== false)
      .sort(),
  );

/** The value at a dotted path (arrays: the values of their elements, as a multikey index sees them). */
function valuesAt(value: unknown, path: string[]): unknown[] {
  if (path.length === 0) return [value ?? null];
  if (Array.isArray(value)) return value.length === 0 ? [null] : value.flatMap((item) => valuesAt(item, path));
  if (typeof value !== 'object' || value === null) return [null];
  return valuesAt((value as Record<string, unknown>)[path[0]!], path.slice(1));
}

/** Checks the aggregation stages the server refuses at parse time (inside `$facet` too). */
function assertPipeline(pipeline: AnyFilter[]): void {
  for (const stage of pipeline) {
    if ('$limit' in stage && !(typeof stage.$limit === 'number' && Number.isInteger(stage.$limit) && stage.$limit > 0)) {
      throw serverError(15958, `the limit must be positive, got ${JSON.stringify(stage.$limit)}`);
    }
    if ('$skip' in stage && !(typeof stage.$skip === 'number' && Number.isInteger(stage.$skip) && stage.$skip >= 0)) {
      throw serverError(15956, `invalid argument to $skip stage: ${JSON.stringify(stage.$skip)}`);
    }
    if ('$facet' in stage) for (const sub of Object.values(stage.$facet as Record<string, AnyFilter[]>)) assertPipeline(sub);
  }
}

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

  constructor(
    private readonly produce: (projection: AnyFilter | undefined, sort: SortSpec | undefined, skip: number, limit: number) => Doc[],
  ) {}

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

/** The write-concern error of a write that applied but was not acknowledged by enough members. */
const writeConcernError = (code = 64) => ({ code, errmsg: `fake MongoDB: waiting for replication timed out (code ${code})` });

/** Raises an injected fault after a single write applied. */
function raiseAfterSingleWrite(fault: FakeFault | undefined): void {
  if (!fault) return;
  if (fault.kind === 'networkError') throw new MongoNetworkError('fake MongoDB: connection reset after the write was sent');
  const wce = writeConcernError(fault.code);
  throw new MongoServerError({ message: wce.errmsg, code: wce.code, writeConcernError: wce });
}

/** Approximate BSON size of a document (its JSON length: close enough to test the limit's handling). */
const approximateBytes = (doc: unknown): number => Buffer.byteLength(JSON.stringify(doc) ?? '', 'utf8');

class FakeCollection {
  readonly docs: Doc[] = [];

  constructor(
    private readonly db: FakeMongoDb,
    /** @internal its current name (renameCollection changes it) */
    public name: string,
  ) {}

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
    const invalid = (() => {
      try {
        assertPipeline(pipeline);
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    return {
      async toArray(): Promise<Doc[]> {
        if (invalid) throw invalid; // the server refuses the command when the cursor is first read
        return new Aggregator(pipeline, {}).run<Doc>(structuredClone(docs)).map((doc) => structuredClone(doc));
      },
    };
  }

  /** existing indexes besides `_id_`, by name */
  readonly indexes = new Map<string, IndexSpec>();

  /**
   * As the server: an existing name with the same key and options is a no-op; with another key
   * IndexKeySpecsConflict (86), with other options IndexOptionsConflict (85); the same key and options
   * under another name IndexOptionsConflict (85). A new unique index over duplicates fails with E11000.
   */
  async createIndexes(specs: IndexSpec[] = []): Promise<string[]> {
    const names: string[] = [];
    for (const spec of specs) {
      const name = spec.name ?? defaultIndexName(spec.key);
      const sameKey = (other: IndexSpec) => JSON.stringify(Object.entries(other.key)) === JSON.stringify(Object.entries(spec.key));
      const existing = name === '_id_' ? { key: { _id: 1 } } : this.indexes.get(name);
      if (existing) {
        if (!sameKey(existing))
          throw serverError(86, `an existing index has the same name '${name}' as the requested index but a different key`);
        if (indexOptions(existing) !== indexOptions(spec))
          throw serverError(85, `index with name '${name}' already exists with different options`);
      } else {
        const other = [...this.indexes].find(([, index]) => sameKey(index) && indexOptions(index) === indexOptions(spec));
        if (other) throw serverError(85, `index already exists with a different name: ${other[0]}`);
        const index = { ...spec, name };
        if (index.unique) for (const doc of this.docs) this.assertUnique(doc, [index]);
        this.indexes.set(name, index);
      }
      names.push(name);
    }
    return names;
  }

  async createIndex(key: Record<string, unknown>, options: Omit<IndexSpec, 'key'> = {}): Promise<string> {
    const [name] = await this.createIndexes([{ ...options, key }]);
    return name!;
  }

  async drop(): Promise<boolean> {
    this.docs.splice(0);
    this.indexes.clear();
    return true;
  }

  async insertOne(document: Doc): Promise<{ acknowledged: true; insertedId: unknown }> {
    const fault = await this.db.gate(this.name, 'insertOne');
    const doc = structuredClone(document);
    this.insert(doc);
    raiseAfterSingleWrite(fault);
    return { acknowledged: true, insertedId: doc._id };
  }

  async deleteOne(filter: AnyFilter): Promise<{ deletedCount: number }> {
    const fault = await this.db.gate(this.name, 'deleteOne');
    const deletedCount = this.remove(filter, false);
    raiseAfterSingleWrite(fault);
    return { deletedCount };
  }

  async deleteMany(filter: AnyFilter = {}): Promise<{ deletedCount: number }> {
    const fault = await this.db.gate(this.name, 'deleteMany');
    const deletedCount = this.remove(filter, true);
    raiseAfterSingleWrite(fault);
    return { deletedCount };
  }

  async updateOne(
    filter: AnyFilter,
    spec: UpdateSpec,
    options: { upsert?: boolean; arrayFilters?: AnyFilter[] } = {},
  ): Promise<UpdateResult> {
    const fault = await this.db.gate(this.name, 'updateOne');
    const result = this.updateDocs(filter, spec, options, false);
    raiseAfterSingleWrite(fault);
    return result;
  }

  async updateMany(
    filter: AnyFilter,
    spec: UpdateSpec,
    options: { upsert?: boolean; arrayFilters?: AnyFilter[] } = {},
  ): Promise<UpdateResult> {
    const fault = await this.db.gate(this.name, 'updateMany');
    const result = this.updateDocs(filter, spec, options, true);
    raiseAfterSingleWrite(fault);
    return result;
  }

  async replaceOne(filter: AnyFilter, replacement: Doc, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    const fault = await this.db.gate(this.name, 'replaceOne');
    const result = this.replaceDoc(filter, replacement, options.upsert ?? false);
    raiseAfterSingleWrite(fault);
    return result;
  }

  async findOneAndUpdate(
    filter: AnyFilter,
    modifier: UpdateSpec,
    options: { upsert?: boolean; returnDocument?: 'before' | 'after' } = {},
  ): Promise<Doc | null> {
    const fault = await this.db.gate(this.name, 'findOneAndUpdate');
    assertNoConflicts(modifier);
    const found = this.match(filter);
    let answer: Doc | null;
    if (found) {
      const before = structuredClone(found);
      this.modifyExisting(found, modifier, undefined);
      answer = options.returnDocument === 'after' ? structuredClone(found) : before;
    } else if (!options.upsert) {
      answer = null;
    } else {
      const inserted = equalityFields(filter);
      this.modify(inserted, modifier, undefined, true);
      this.insert(inserted);
      answer = options.returnDocument === 'after' ? structuredClone(inserted) : null;
    }
    raiseAfterSingleWrite(fault);
    return answer;
  }

  async bulkWrite(operations: BulkOperation[], options: { ordered?: boolean } = {}) {
    const fault = await this.db.gate(this.name, 'bulkWrite');
    // the driver splits a bulk write into commands under the limit, but one operation must fit in one
    for (const operation of operations) {
      if (approximateBytes(operation) > this.db.maxDocumentBytes) {
        throw serverError(10334, `BSONObjectTooLarge: an operation of ${approximateBytes(operation)} bytes exceeds the command limit`);
      }
    }
    const writeErrors: { index: number; code: number; errmsg: string }[] = [];
    const result = { insertedCount: 0, matchedCount: 0, modifiedCount: 0, deletedCount: 0, upsertedCount: 0 };
    operations.forEach((operation, index) => {
      if (options.ordered !== false && writeErrors.length > 0) return;
      if (fault?.kind === 'networkError' && index >= (fault.afterOps ?? 0)) return;
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
    if (fault?.kind === 'networkError') throw new MongoNetworkError('fake MongoDB: connection reset in the middle of a bulk write');
    const concern = fault?.kind === 'writeConcernError' ? [writeConcernError(fault.code)] : [];
    // as the driver 7's BulkWriteResult: counts, plus the raw result with writeConcernErrors
    const bulkResult = {
      ...result,
      ok: 1,
      result: { ok: 1, writeErrors, writeConcernErrors: concern },
      getWriteErrors: () => writeErrors,
      getWriteConcernError: () => concern[0],
      hasWriteErrors: () => writeErrors.length > 0,
    };
    if (writeErrors.length > 0) {
      // as the driver: the first write error's message and code, all of them in writeErrors; a write-concern
      // error next to them is only in the result (error.result.getWriteConcernError()), not in `err`
      throw new MongoBulkWriteError(
        { message: writeErrors[0]!.errmsg, code: writeErrors[0]!.code, writeErrors: writeErrors as never },
        bulkResult as never,
      );
    }
    if (concern[0]) {
      // as the driver for a write-concern error alone: message and code from it, and `err` set to it
      const error = new MongoBulkWriteError({ message: concern[0].errmsg, code: concern[0].code }, bulkResult as never);
      Object.assign(error, { err: { code: concern[0].code, errmsg: concern[0].errmsg, errInfo: undefined } });
      throw error;
    }
    return { ok: 1, ...result };
  }

  private replaceDoc(filter: AnyFilter, replacement: Doc, upsert: boolean): UpdateResult {
    if (Object.keys(replacement).some((key) => key.startsWith('$')))
      throw new Error('fake MongoDB: replacement document must not contain atomic operators');
    const found = this.match(filter);
    if (found) {
      const before = structuredClone(found);
      for (const key of Object.keys(found)) if (key !== '_id') delete found[key];
      Object.assign(found, structuredClone(replacement), { _id: found._id });
      this.keepUniqueOrRestore(found, before);
      return { matchedCount: 1, modifiedCount: 1, upsertedCount: 0, upsertedId: null };
    }
    if (!upsert) return { matchedCount: 0, modifiedCount: 0, upsertedCount: 0, upsertedId: null };
    const inserted = { ...structuredClone(replacement), _id: filter._id ?? replacement._id };
    this.insert(inserted);
    return { matchedCount: 0, modifiedCount: 0, upsertedCount: 1, upsertedId: inserted._id };
  }

  private updateDocs(
    filter: AnyFilter,
    spec: UpdateSpec,
    options: { upsert?: boolean; arrayFilters?: AnyFilter[] },
    many: boolean,
  ): UpdateResult {
    assertNoConflicts(spec);
    const query = new Query(filter, {});
    const matched = many ? this.docs.filter((doc) => query.test(doc)) : this.docs.filter((doc) => query.test(doc)).slice(0, 1);
    let modifiedCount = 0;
    for (const doc of matched) if (this.modifyExisting(doc, spec, options.arrayFilters)) modifiedCount++;
    if (matched.length > 0 || !options.upsert) return { matchedCount: matched.length, modifiedCount, upsertedCount: 0, upsertedId: null };
    const inserted = equalityFields(filter);
    this.modify(inserted, spec, options.arrayFilters, true);
    this.insert(inserted);
    return { matchedCount: 0, modifiedCount: 0, upsertedCount: 1, upsertedId: inserted._id };
  }

  /** applies update operators in place; true when something changed */
  private modify(doc: Doc, spec: UpdateSpec, arrayFilters: AnyFilter[] | undefined, inserting: boolean): boolean {
    if (Array.isArray(spec)) return this.modifyByPipeline(doc, spec);
    const { $setOnInsert, ...operators } = spec;
    const modifier = inserting && $setOnInsert ? { ...operators, $set: { ...operators.$set, ...$setOnInsert } } : operators;
    for (const operator of Object.keys(modifier)) {
      if (!operator.startsWith('$')) throw new Error(`fake MongoDB: update document needs operators, got '${operator}'`);
    }
    return update(doc, structuredClone(modifier) as never, arrayFilters, undefined, { cloneMode: 'deep' }).length > 0;
  }

  /**
   * An update pipeline: mingo's Aggregator over the document, with `$$NOW` the fake server's clock
   * (replaced by that instant before running, as one command sees one `$$NOW`).
   */
  private modifyByPipeline(doc: Doc, stages: AnyFilter[]): boolean {
    const now = this.db.now();
    const withNow = (value: unknown): unknown =>
      value === '$$NOW'
        ? new Date(now)
        : Array.isArray(value)
          ? value.map(withNow)
          : typeof value === 'object' && value !== null && !(value instanceof Date)
            ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withNow(inner)]))
            : value;
    const [after] = new Aggregator(withNow(stages) as AnyFilter[], {}).run<Doc>([structuredClone(doc)]);
    if (!after) throw new Error('fake MongoDB: an update pipeline must keep the document');
    const changed = JSON.stringify(after) !== JSON.stringify(doc);
    for (const key of Object.keys(doc)) delete doc[key];
    Object.assign(doc, after, { _id: doc._id ?? after._id });
    return changed;
  }

  /** modify() on a stored document, undone when it breaks a unique index (E11000) */
  private modifyExisting(doc: Doc, spec: UpdateSpec, arrayFilters: AnyFilter[] | undefined): boolean {
    const before = structuredClone(doc);
    const changed = this.modify(doc, spec, arrayFilters, false);
    if (changed) this.keepUniqueOrRestore(doc, before);
    return changed;
  }

  private keepUniqueOrRestore(doc: Doc, before: Doc): void {
    try {
      this.assertSize(doc);
      this.assertUnique(doc, [...this.indexes.values()]);
    } catch (error) {
      for (const key of Object.keys(doc)) delete doc[key];
      Object.assign(doc, before);
      throw error;
    }
  }

  /** E11000 when another stored document has the same key as `doc` in one of the unique `indexes` */
  private assertUnique(doc: Doc, indexes: IndexSpec[]): void {
    for (const index of indexes) {
      if (!index.unique) continue;
      const keyOf = (d: Doc) => Object.keys(index.key).map((field) => valuesAt(d, field.split('.')).map((v) => JSON.stringify(v)));
      const mine = keyOf(doc);
      const clash = this.docs.find((other) => other !== doc && keyOf(other).every((values, i) => values.some((v) => mine[i]!.includes(v))));
      if (clash) throw serverError(11000, `E11000 duplicate key error index: ${index.name} dup key: ${JSON.stringify(mine)}`);
    }
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

  /** BSONObjectTooLarge (10334): a document over the server's limit */
  private assertSize(doc: Doc): void {
    const bytes = approximateBytes(doc);
    if (bytes > this.db.maxDocumentBytes) throw serverError(10334, `BSONObjectTooLarge: a document of ${bytes} bytes exceeds the limit`);
  }

  private insert(doc: Doc): void {
    if (doc._id === undefined) throw new Error('fake MongoDB: documents need an _id (no ObjectId generation)');
    this.assertSize(doc);
    const key = idKey(doc._id);
    if (this.docs.some((existing) => idKey(existing._id) === key)) {
      throw new MongoServerError({ message: `E11000 duplicate key error dup key: { _id: ${JSON.stringify(doc._id)} }`, code: 11000 });
    }
    this.assertUnique(doc, [...this.indexes.values()]);
    this.docs.push(doc);
  }
}
