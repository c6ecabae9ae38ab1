import { createHmac } from 'node:crypto';
import type { DataSubject, SubjectKeyStore } from './subject-key-store.port';

export interface SubjectKeysOptions {
  /** how long a key (or a subject) read from the store is used before it is read again; default 1 s */
  ttlMs?: number;
  /** entries kept at most (the oldest go first); default 10,000 */
  maxEntries?: number;
  now?: () => number;
}

/** A small time-bounded LRU: another instance's erasure is seen within `ttlMs`. */
class BoundedCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
    private readonly now: () => number,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.until < this.now()) return undefined;
    this.entries.set(key, entry); // most recently used last
    return entry.value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, until: this.now() + this.ttlMs });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * The key store as the codec uses it: data subjects by name (`Email:ann@example.com`, looked up by
 * their keyed hash), keys by subject id, both cached briefly (bounded), and erasure.
 */
export class SubjectKeys {
  private secret: Promise<Buffer> | undefined;
  private prepared: Promise<void> | undefined;
  private readonly subjects: BoundedCache<DataSubject>;
  private readonly keys: BoundedCache<Buffer | null>;

  constructor(
    readonly store: SubjectKeyStore,
    options: SubjectKeysOptions = {},
  ) {
    const now = options.now ?? Date.now;
    this.subjects = new BoundedCache(options.ttlMs ?? 1_000, options.maxEntries ?? 10_000, now);
    this.keys = new BoundedCache(options.ttlMs ?? 1_000, options.maxEntries ?? 10_000, now);
  }

  /** the keyed hash a subject is stored under (never the name itself) */
  async lookupOf(subject: string): Promise<string> {
    this.prepared ??= this.store.prepare().catch((error: unknown) => {
      this.prepared = undefined;
      throw error;
    });
    await this.prepared;
    this.secret ??= this.store.lookupSecret().catch((error: unknown) => {
      this.secret = undefined;
      throw error;
    });
    return createHmac('sha256', await this.secret)
      .update(subject)
      .digest('base64url');
  }

  async subjectFor(subject: string): Promise<DataSubject> {
    const cached = this.subjects.get(subject);
    if (cached) return cached;
    const found = await this.store.subjectFor(await this.lookupOf(subject));
    this.subjects.set(subject, found);
    this.keys.set(found.id, found.key);
    return found;
  }

  async keyOf(subjectId: string): Promise<Buffer | null> {
    const cached = this.keys.get(subjectId);
    if (cached !== undefined) return cached;
    const key = await this.store.keyOf(subjectId);
    this.keys.set(subjectId, key);
    return key;
  }

  /** destroys the keys of these subjects (names); answers the ids of those that existed */
  async erase(subjects: readonly string[], erasedAt: string): Promise<string[]> {
    const lookups = await Promise.all(subjects.map((subject) => this.lookupOf(subject)));
    const ids = await this.store.erase(lookups, erasedAt);
    this.subjects.clear();
    this.keys.clear();
    return ids;
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
