import type { ApiKeyScope } from './scopes';

/** What is stored about a key: never the key itself, only its SHA-256. */
export interface ApiKeyRecord {
  name: string;
  scopes: ApiKeyScope[];
  /** ISO 8601 */
  createdAt: string;
  /** ISO 8601, or null while the key is valid */
  revokedAt: string | null;
}

export interface CreatedApiKey {
  /** the key in clear: shown once, never stored */
  key: string;
  record: ApiKeyRecord;
}

export class ApiKeyNameTakenError extends Error {
  readonly code = 'API_KEY_NAME_TAKEN';
  constructor(readonly keyName: string) {
    super(`a key named '${keyName}' exists already (names are never reused, revoked keys stay for audit)`);
    this.name = 'ApiKeyNameTakenError';
  }
}

/**
 * Where API keys live. Names are unique for good (a revoked key keeps its name for the audit trail),
 * keys are stored as SHA-256 hashes.
 */
export interface ApiKeyStore {
  /** the valid (not revoked) key with this SHA-256, compared in constant time; null otherwise */
  findValidByHash(hash: string): Promise<ApiKeyRecord | null>;
  /** a new random key; throws ApiKeyNameTakenError when the name is in use */
  create(name: string, scopes: readonly ApiKeyScope[]): Promise<CreatedApiKey>;
  /**
   * Makes `key` the valid key named `name` with these scopes (creating it, or replacing the hash,
   * the scopes and any revocation of an existing one). Used for ADMIN_API_KEY.
   */
  seed(name: string, key: string, scopes: readonly ApiKeyScope[]): Promise<'created' | 'updated' | 'unchanged'>;
  /** when the store holds no key at all (valid or revoked): creates one and returns it; else null */
  createIfEmpty(name: string, scopes: readonly ApiKeyScope[]): Promise<CreatedApiKey | null>;
  list(): Promise<ApiKeyRecord[]>;
  /** true when a valid key of that name was revoked now */
  revoke(name: string): Promise<boolean>;
  close(): Promise<void>;
}

export const API_KEY_STORE = Symbol('API_KEY_STORE');
