import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { PAGE_CACHE_KIB, setPageCache, sqliteFaultKind, withStorageFaults } from '@orders/event-store';
import { assertApiKeyName, generateApiKey, hashApiKey, sameHash } from '../api-key';
import { ApiKeyNameTakenError, type ApiKeyRecord, type ApiKeyStore, type CreatedApiKey } from '../api-key-store.port';
import { type ApiKeyScope, isApiKeyScope } from '../scopes';

/** The file under DATA_DIR that holds the keys. */
export const API_KEYS_FILE = 'keys.sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS api_keys (
  name       TEXT PRIMARY KEY,
  key_hash   TEXT NOT NULL UNIQUE,
  scopes     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
`;

interface KeyRow {
  name: string;
  key_hash: string;
  scopes: string;
  created_at: string;
  revoked_at: string | null;
}

const toRecord = (row: KeyRow): ApiKeyRecord => ({
  name: row.name,
  scopes: row.scopes.split(',').filter(isApiKeyScope),
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

const assertScopes = (scopes: readonly ApiKeyScope[]): string => {
  if (scopes.length === 0 || !scopes.every(isApiKeyScope)) throw new RangeError(`invalid scopes: ${scopes.join(',')}`);
  return [...new Set(scopes)].join(',');
};

/**
 * API keys in their own SQLite file (`DATA_DIR/keys.sqlite`, WAL), shared by the service (reads per
 * request, so a revocation by the CLI takes effect at once) and the admin CLI (writes).
 */
export class SqliteApiKeyStore implements ApiKeyStore {
  private readonly statements;

  private constructor(private readonly db: Database.Database) {
    this.statements = {
      byHash: db.prepare<[string], KeyRow>('SELECT * FROM api_keys WHERE key_hash = ?'),
      byName: db.prepare<[string], KeyRow>('SELECT * FROM api_keys WHERE name = ?'),
      all: db.prepare<[], KeyRow>('SELECT * FROM api_keys ORDER BY created_at, name'),
      count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM api_keys'),
      insert: db.prepare<[string, string, string, string]>(
        'INSERT INTO api_keys (name, key_hash, scopes, created_at, revoked_at) VALUES (?, ?, ?, ?, NULL)',
      ),
      reseed: db.prepare<[string, string, string]>('UPDATE api_keys SET key_hash = ?, scopes = ?, revoked_at = NULL WHERE name = ?'),
      revoke: db.prepare<[string, string]>('UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL'),
    };
  }

  /** Opens (creating if needed) the key file; ':memory:' for tests. */
  static open(file: string): SqliteApiKeyStore {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    setPageCache(db, PAGE_CACHE_KIB.small);
    db.exec(SCHEMA);
    // a full disk, a read-only or unreadable file fail its calls with StorageFaultError (store 'api-keys')
    return withStorageFaults(new SqliteApiKeyStore(db), 'api-keys', sqliteFaultKind);
  }

  async findValidByHash(hash: string): Promise<ApiKeyRecord | null> {
    const row = this.statements.byHash.get(hash);
    if (!row || row.revoked_at !== null || !sameHash(row.key_hash, hash)) return null;
    return toRecord(row);
  }

  async create(name: string, scopes: readonly ApiKeyScope[]): Promise<CreatedApiKey> {
    assertApiKeyName(name);
    const scopeList = assertScopes(scopes);
    const key = generateApiKey();
    const createdAt = new Date().toISOString();
    try {
      this.statements.insert.run(name, hashApiKey(key), scopeList, createdAt);
    } catch (error) {
      if (isUniqueViolation(error) && this.statements.byName.get(name)) throw new ApiKeyNameTakenError(name);
      throw error;
    }
    return { key, record: toRecord(this.statements.byName.get(name)!) };
  }

  async seed(name: string, key: string, scopes: readonly ApiKeyScope[]): Promise<'created' | 'updated' | 'unchanged'> {
    assertApiKeyName(name);
    const scopeList = assertScopes(scopes);
    const hash = hashApiKey(key);
    return this.db
      .transaction(() => {
        const existing = this.statements.byName.get(name);
        if (!existing) {
          this.statements.insert.run(name, hash, scopeList, new Date().toISOString());
          return 'created' as const;
        }
        if (existing.key_hash === hash && existing.scopes === scopeList && existing.revoked_at === null) return 'unchanged' as const;
        this.statements.reseed.run(hash, scopeList, name);
        return 'updated' as const;
      })
      .immediate();
  }

  async createIfEmpty(name: string, scopes: readonly ApiKeyScope[]): Promise<CreatedApiKey | null> {
    assertApiKeyName(name);
    const scopeList = assertScopes(scopes);
    return this.db
      .transaction(() => {
        if ((this.statements.count.get()?.n ?? 0) > 0) return null;
        const key = generateApiKey();
        this.statements.insert.run(name, hashApiKey(key), scopeList, new Date().toISOString());
        return { key, record: toRecord(this.statements.byName.get(name)!) };
      })
      .immediate();
  }

  async list(): Promise<ApiKeyRecord[]> {
    return this.statements.all.all().map(toRecord);
  }

  async revoke(name: string): Promise<boolean> {
    return this.statements.revoke.run(new Date().toISOString(), name).changes > 0;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && String((error as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT');
