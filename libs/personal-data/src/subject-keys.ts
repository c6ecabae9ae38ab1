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

/** the keyed hash a subject is stored under */
const keyedLookup = (secret: Buffer, subject: string): string => createHmac('sha256', secret).update(subject).digest('base64url');

/** the read's answer; undefined when it threw (the waiting path asks again and reports the fault) */
function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/**
 * The key store as the codec uses it: data subjects by name (`Email:ann@example.com`, looked up by
 * their keyed hash), keys by subject id, both cached briefly (bounded), and erasure.
 */
export class SubjectKeys {
  private secret: Promise<Buffer> | undefined;
  /** the secret once read: known()'s lookups are computed at once */
  private secretBytes: Buffer | undefined;
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
    this.secret ??= this.store.lookupSecret().then(
      (secret) => (this.secretBytes = secret),
      (error: unknown) => {
        this.secret = undefined;
        throw error;
      },
    );
    return keyedLookup(await this.secret, subject);
  }

  async subjectFor(subject: string): Promise<DataSubject> {
    const known = this.knownSubject(subject);
    if (known) return known;
    const found = await this.store.subjectFor(await this.lookupOf(subject));
    this.subjects.set(subject, found);
    this.keys.set(found.id, found.key);
    return found;
  }

  async keyOf(subjectId: string): Promise<Buffer | null> {
    const known = this.knownKey(subjectId);
    if (known !== undefined) return known;
    const key = await this.store.keyOf(subjectId);
    this.keys.set(subjectId, key);
    return key;
  }

  /**
   * subjectFor() without waiting, when the answer is at hand: cached, or read at once by the store
   * (SubjectKeyStore.peekSubject) once the lookup secret is known. undefined otherwise (a new subject, the
   * first calls, a store without such reads): subjectFor() then answers. Same caching as subjectFor().
   */
  knownSubject(subject: string): DataSubject | undefined {
    const cached = this.subjects.get(subject);
    if (cached) return cached;
    if (!this.secretBytes || !this.store.peekSubject) return undefined;
    const found = attempt(() => this.store.peekSubject!(keyedLookup(this.secretBytes!, subject)));
    if (!found) return undefined;
    this.subjects.set(subject, found);
    this.keys.set(found.id, found.key);
    return found;
  }

  /** keyOf() without waiting, when the answer is at hand (cached, or SubjectKeyStore.peekKey); undefined otherwise */
  knownKey(subjectId: string): Buffer | null | undefined {
    const cached = this.keys.get(subjectId);
    if (cached !== undefined || !this.store.peekKey) return cached;
    const key = attempt(() => this.store.peekKey!(subjectId));
    if (key !== undefined) this.keys.set(subjectId, key);
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
