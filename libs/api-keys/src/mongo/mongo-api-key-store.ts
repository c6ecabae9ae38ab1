import { type Collection, type Db, MongoClient, MongoServerError } from 'mongodb';
import { assertApiKeyName, generateApiKey, hashApiKey, sameHash } from '../api-key';
import { ApiKeyNameTakenError, type ApiKeyRecord, type ApiKeyStore, type CreatedApiKey } from '../api-key-store.port';
import { type ApiKeyScope, isApiKeyScope } from '../scopes';

export const API_KEYS_COLLECTION = 'api_keys';

/** One key; `_id` is its name, so a name is unique for good across every instance. */
interface KeyDocument {
  _id: string;
  keyHash: string;
  scopes: string[];
  createdAt: string;
  revokedAt: string | null;
}

const toRecord = (doc: KeyDocument): ApiKeyRecord => ({
  name: doc._id,
  scopes: doc.scopes.filter(isApiKeyScope),
  createdAt: doc.createdAt,
  revokedAt: doc.revokedAt,
});

const scopeList = (scopes: readonly ApiKeyScope[]): string[] => {
  if (scopes.length === 0 || !scopes.every(isApiKeyScope)) throw new RangeError(`invalid scopes: ${scopes.join(',')}`);
  return [...new Set(scopes)];
};

/** E11000: a unique index (here `_id`, the name, or `keyHash`) refused the insert. */
const isDuplicateKey = (error: unknown): boolean => error instanceof MongoServerError && error.code === 11000;
const sameScopes = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((scope, i) => scope === b[i]);

export interface MongoApiKeyStoreOptions {
  /** bound of connecting (default 5000 ms) */
  connectTimeoutMs?: number;
  /** database to use instead of the one in the URL's path (tests use one per run) */
  dbName?: string;
}

/**
 * API keys in MongoDB (`api_keys`), shared by every instance of the distributed backend and the CLI.
 * Same contract as the SQLite store: only the SHA-256 of a key is stored (unique index on `keyHash`,
 * looked up per request and compared in constant time), names are `_id`s and never reused. Creating
 * the first key is decided by the unique `_id`: of two instances starting at once on an empty store,
 * one inserts `admin` and the other meets E11000 and creates nothing.
 */
export class MongoApiKeyStore implements ApiKeyStore {
  private readonly keys: Collection<KeyDocument>;
  private indexes: Promise<void> | null = null;

  /** `client`: closed by close() when given (the store owns it); without it the caller owns the connection. */
  constructor(
    db: Db,
    private readonly client: MongoClient | null = null,
  ) {
    this.keys = db.collection<KeyDocument>(API_KEYS_COLLECTION);
  }

  /** A store with its own client on `url` (database = the URL's path), connected within the timeout. */
  static async connect(url: string, options: MongoApiKeyStoreOptions = {}): Promise<MongoApiKeyStore> {
    const timeoutMs = options.connectTimeoutMs ?? 5_000;
    const client = new MongoClient(url, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs });
    try {
      await client.connect();
      const store = new MongoApiKeyStore(client.db(options.dbName), client);
      await store.ready();
      return store;
    } catch (error) {
      await client.close().catch(() => undefined);
      throw error;
    }
  }

  async findValidByHash(hash: string): Promise<ApiKeyRecord | null> {
    await this.ready();
    const doc = await this.keys.findOne({ keyHash: hash });
    if (!doc || doc.revokedAt !== null || !sameHash(doc.keyHash, hash)) return null;
    return toRecord(doc);
  }

  async create(name: string, scopes: readonly ApiKeyScope[]): Promise<CreatedApiKey> {
    assertApiKeyName(name);
    const list = scopeList(scopes);
    await this.ready();
    const key = generateApiKey();
    const doc: KeyDocument = { _id: name, keyHash: hashApiKey(key), scopes: list, createdAt: new Date().toISOString(), revokedAt: null };
    try {
      await this.keys.insertOne(doc);
    } catch (error) {
      if (isDuplicateKey(error) && (await this.keys.findOne({ _id: name }))) throw new ApiKeyNameTakenError(name);
      throw error;
    }
    return { key, record: toRecord(doc) };
  }

  async seed(name: string, key: string, scopes: readonly ApiKeyScope[]): Promise<'created' | 'updated' | 'unchanged'> {
    assertApiKeyName(name);
    const list = scopeList(scopes);
    await this.ready();
    const keyHash = hashApiKey(key);
    const existing = await this.keys.findOne({ _id: name });
    if (!existing) {
      try {
        await this.keys.insertOne({ _id: name, keyHash, scopes: list, createdAt: new Date().toISOString(), revokedAt: null });
        return 'created';
      } catch (error) {
        if (!isDuplicateKey(error) || !(await this.keys.findOne({ _id: name }))) throw error;
        return this.seed(name, key, scopes); // another instance seeded it at the same moment
      }
    }
    if (existing.keyHash === keyHash && sameScopes(existing.scopes, list) && existing.revokedAt === null) return 'unchanged';
    await this.keys.updateOne({ _id: name }, { $set: { keyHash, scopes: list, revokedAt: null } });
    return 'updated';
  }

  async createIfEmpty(name: string, scopes: readonly ApiKeyScope[]): Promise<CreatedApiKey | null> {
    assertApiKeyName(name);
    scopeList(scopes);
    await this.ready();
    if (await this.keys.findOne({})) return null;
    try {
      return await this.create(name, scopes);
    } catch (error) {
      if (error instanceof ApiKeyNameTakenError) return null; // another instance created it just now
      throw error;
    }
  }

  async list(): Promise<ApiKeyRecord[]> {
    await this.ready();
    return (await this.keys.find({}).sort({ createdAt: 1, _id: 1 }).toArray()).map(toRecord);
  }

  async revoke(name: string): Promise<boolean> {
    await this.ready();
    const result = await this.keys.updateOne({ _id: name, revokedAt: null }, { $set: { revokedAt: new Date().toISOString() } });
    return result.modifiedCount > 0;
  }

  async close(): Promise<void> {
    await this.client?.close();
  }

  /** the `keyHash` index, created once per store (again after a failure) */
  private ready(): Promise<void> {
    this.indexes ??= this.keys
      .createIndexes([{ key: { keyHash: 1 }, name: 'by_key_hash', unique: true }])
      .then(() => undefined)
      .catch((error: unknown) => {
        this.indexes = null;
        throw error;
      });
    return this.indexes;
  }
}
