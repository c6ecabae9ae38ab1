import { type Db, MongoClient } from 'mongodb';
import { mongoFaultKind, type RecordedEvent, withStorageFaults } from '@orders/event-store';
import type { OrderPage, OrderReadModel, OrderViewRecord, ProjectionStore } from '../read-model.port';
import { isDuplicateKeyError } from './duplicate-key';
import { FencedError } from './fence';
import { MONGO_PROJECTION_PARTS } from './parts/mongo-parts';
import { LIVE_COLLECTIONS, type MongoProjectionPart } from './parts/mongo-projection-part';
import { MongoOrderQueries } from './parts/order-view.part';

export const CHECKPOINT_COLLECTION = 'projection_checkpoints';
const PROJECTION_NAME = 'orders';

export interface CheckpointDocument {
  _id: string;
  position: number;
  /** the fencing generation (fence.ts): taken by each projector start and each rebuild swap */
  generation?: number;
}

export interface MongoReadModelsOptions {
  /** bound of connecting at start and of checkConnectivity() (default 5000 ms) */
  connectTimeoutMs?: number;
  parts?: readonly MongoProjectionPart[];
  /** database to use instead of the one in the URL's path (tests use one per run) */
  dbName?: string;
}

/**
 * The read side on MongoDB: every read model of MONGO_PROJECTION_PARTS in the database named by the
 * URL's path, and the projector's checkpoint in `projection_checkpoints`. No multi-document
 * transaction (a standalone server will do): a batch is applied part by part with revision-guarded,
 * idempotent writes, then the checkpoint moves by compare-and-set; a crash in between re-applies the
 * batch harmlessly. Readers may see a batch's documents before its checkpoint, never the reverse, so a
 * job reported Completed (checkpoint passed) always finds its order.
 */
export class MongoReadModels implements OrderReadModel, ProjectionStore {
  readonly name = PROJECTION_NAME;
  readonly streamPrefixes: readonly string[];
  private readonly queries: MongoOrderQueries;
  /** this writer's fencing token; null until claimed or adopted at the first batch */
  private token: number | null = null;

  private constructor(
    private readonly client: MongoClient | null,
    readonly db: Db,
    readonly parts: readonly MongoProjectionPart[],
    private readonly timeoutMs: number,
  ) {
    this.streamPrefixes = [...new Set(parts.flatMap((part) => part.streamPrefixes))];
    this.queries = new MongoOrderQueries(db);
  }

  /**
   * A store whose client is created but not connected yet (the driver connects on first use); call
   * verify() before relying on it. Throws at once on a malformed URL.
   */
  static create(url: string, options: MongoReadModelsOptions = {}): MongoReadModels {
    const timeoutMs = options.connectTimeoutMs ?? 5000;
    const client = new MongoClient(url, {
      serverSelectionTimeoutMS: timeoutMs,
      connectTimeoutMS: timeoutMs,
      // like JSON in the embedded store: absent optional fields stay absent (not null)
      ignoreUndefined: true,
    });
    // a server that does not answer fails calls with StorageFaultError ('unavailable')
    const store = new MongoReadModels(client, client.db(options.dbName), options.parts ?? MONGO_PROJECTION_PARTS, timeoutMs);
    return withStorageFaults(store, 'read-models', mongoFaultKind);
  }

  /** Connects (bounded by connectTimeoutMs), checks the server answers and creates the indexes. */
  static async connect(url: string, options: MongoReadModelsOptions = {}): Promise<MongoReadModels> {
    const store = MongoReadModels.create(url, options);
    try {
      await store.verify();
      return store;
    } catch (error) {
      await store.close().catch(() => undefined);
      throw error;
    }
  }

  /** Connects, pings and creates the parts' indexes, each step bounded by the connect timeout. */
  async verify(): Promise<void> {
    await this.client?.connect();
    await this.checkConnectivity();
    await this.ensureIndexes();
  }

  /** A store on a database handle whose client the caller owns (close() leaves it open). */
  static async open(db: Db, options: Omit<MongoReadModelsOptions, 'dbName'> = {}): Promise<MongoReadModels> {
    const store = new MongoReadModels(null, db, options.parts ?? MONGO_PROJECTION_PARTS, options.connectTimeoutMs ?? 5000);
    await store.ensureIndexes();
    return withStorageFaults(store, 'read-models', mongoFaultKind);
  }

  private async ensureIndexes(): Promise<void> {
    await Promise.all(this.parts.map((part) => part.ensureIndexes(this.db, LIVE_COLLECTIONS)));
  }

  /** Resolves when the server answers a ping within the timeout; rejects with the reason otherwise. */
  async checkConnectivity(timeoutMs = this.timeoutMs): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`MongoDB did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const ping = this.db.command({ ping: 1 });
    try {
      await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
      ping.catch(() => undefined);
    }
  }

  async checkpoint(): Promise<number> {
    const doc = await this.checkpoints().findOne({ _id: this.name });
    return doc?.position ?? 0;
  }

  /**
   * Takes a new fencing generation (the projector calls it on start, right after winning its lease):
   * from now on every write of an earlier holder — documents, relinks, the checkpoint — is refused.
   */
  async claim(): Promise<void> {
    const doc = await this.checkpoints().findOneAndUpdate(
      { _id: this.name },
      { $inc: { generation: 1 }, $setOnInsert: { position: 0 } },
      { upsert: true, returnDocument: 'after' },
    );
    this.token = doc?.generation ?? 1;
  }

  /** the generation this store writes under (a store that never claimed adopts the current one) */
  async fencingToken(): Promise<number> {
    if (this.token === null) this.token = (await this.checkpoints().findOne({ _id: this.name }))?.generation ?? 0;
    return this.token;
  }

  /**
   * Applies a batch under this store's fencing token: throws FencedError (and writes nothing) when the
   * checkpoint's generation has moved on; the parts' writes are conditional on the token, and so is the
   * checkpoint's compare-and-set, so a writer superseded mid-batch changes nothing that matters either.
   */
  async applyBatch(events: readonly RecordedEvent[], checkpoint: number): Promise<void> {
    const token = await this.fencingToken();
    const doc = await this.checkpoints().findOne({ _id: this.name });
    if ((doc?.generation ?? 0) !== token) throw new FencedError(token, doc?.generation);
    const current = doc?.position ?? 0;
    const fresh = events.filter((event) => event.position > current);
    if (fresh.length > 0) for (const part of this.parts) await part.apply(this.db, fresh, LIVE_COLLECTIONS, token);
    if (checkpoint > current) await this.advanceCheckpoint(checkpoint, token);
  }

  /**
   * Compare-and-set on the generation and the position: moves the checkpoint forward only, and only
   * while `token` is current; a repeated move changes nothing, a superseded writer gets FencedError.
   */
  private async advanceCheckpoint(position: number, token: number): Promise<void> {
    const generation = token === 0 ? { $in: [0, null] } : token;
    try {
      const before = await this.checkpoints().findOneAndUpdate(
        { _id: this.name, generation, position: { $lt: position } } as never,
        { $set: { position } },
        { upsert: true },
      );
      if (before) return;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error; // E11000: already at or past `position`, or fenced
    }
    const doc = await this.checkpoints().findOne({ _id: this.name });
    if ((doc?.generation ?? 0) !== token) throw new FencedError(token, doc?.generation);
  }

  getOrder(orderId: string): Promise<OrderViewRecord | null> {
    return this.queries.getOrder(orderId);
  }

  listByContact(contactId: string, offset: number, count: number): Promise<OrderPage> {
    return this.queries.listByContact(contactId, offset, count);
  }

  async close(): Promise<void> {
    await this.client?.close();
  }

  private checkpoints() {
    return this.db.collection<CheckpointDocument>(CHECKPOINT_COLLECTION);
  }
}
