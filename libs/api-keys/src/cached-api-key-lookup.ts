import type { ApiKeyRecord, ApiKeyStore } from './api-key-store.port';

export interface ApiKeyLookupCacheOptions {
  /** how long a found key is trusted without asking the store again, ms (default and maximum 1000) */
  ttlMs?: number;
  /** keys kept at most (default 10 000); the oldest is dropped first */
  maxEntries?: number;
  /** the clock (ms), injectable for tests */
  now?: () => number;
}

export const API_KEY_CACHE_MAX_TTL_MS = 1000;

/**
 * `findValidByHash` with its valid answers kept for at most one second: a request with a known key
 * costs no store lookup, and a key revoked by another process (the CLI) stops working within that
 * second. Unknown or revoked keys are not kept, so a key created a moment ago works at once and a
 * flood of made-up keys cannot push the valid ones out.
 */
export class CachedApiKeyLookup {
  private readonly entries = new Map<string, { record: ApiKeyRecord; until: number }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    private readonly store: Pick<ApiKeyStore, 'findValidByHash'>,
    options: ApiKeyLookupCacheOptions = {},
  ) {
    this.ttlMs = Math.min(options.ttlMs ?? API_KEY_CACHE_MAX_TTL_MS, API_KEY_CACHE_MAX_TTL_MS);
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  async findValidByHash(hash: string): Promise<ApiKeyRecord | null> {
    const cached = this.cachedValid(hash);
    if (cached) return cached;
    const now = this.now();
    this.entries.delete(hash);
    const record = await this.store.findValidByHash(hash);
    if (record && this.ttlMs > 0) {
      // `now` from before the lookup: the answer is never trusted longer than ttlMs after it was asked for
      this.entries.set(hash, { record, until: now + this.ttlMs });
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    }
    return record;
  }

  /** the valid key kept for this hash, if it is still inside its second (no store lookup, no promise) */
  cachedValid(hash: string): ApiKeyRecord | undefined {
    const entry = this.entries.get(hash);
    return entry && entry.until > this.now() ? entry.record : undefined;
  }
}
