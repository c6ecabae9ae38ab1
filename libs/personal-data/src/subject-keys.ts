import { createHmac } from 'node:crypto';
import type { DataSubject, SubjectKeyStore } from './subject-key-store.port';

export interface SubjectKeysOptions {
  /**
   * how long a key (or a subject) read from the store is used before it is read again; default 1 s. Longer
   * while a store that counts its erasures (`peekErasures`) reports none since the read (ErasureWatch).
   */
  ttlMs?: number;
  /** entries kept at most (the oldest go first); default 10,000 */
  maxEntries?: number;
  now?: () => number;
}

/**
 * A small time-bounded LRU: another instance's erasure is seen within `ttlMs`. An entry is used for `ttlMs`
 * after the read that produced it began (`readAt`), and longer while `extendedSince` says so: an entry read
 * after the time it answers (see ErasureWatch) is still good, since no erasure was committed after that.
 */
class BoundedCache<V> {
  private readonly entries = new Map<string, { value: V; readAt: number }>();
  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
    private readonly now: () => number,
    private readonly extendedSince: (now: number) => number,
    /** whether a value may be kept beyond its ttl (a destroyed key, null, may not) */
    private readonly extensible: (value: V) => boolean = () => true,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    const now = this.now();
    if (entry.readAt + this.ttlMs < now && !(this.extensible(entry.value) && entry.readAt > this.extendedSince(now))) return undefined;
    this.entries.set(key, entry); // most recently used last
    return entry.value;
  }

  /** `readAt`: when the read that produced the value began (a later erasure may not be in it) */
  set(key: string, value: V, readAt: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, readAt });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * One check a ttl instead of a read per entry: when the store can count its erasures at once
 * (`SubjectKeyStore.peekErasures`), the count is read at most once per `ttlMs`, when a cached entry is
 * past its own ttl. While the count stays what it was at the check that first saw it (time `since`),
 * no erasure was committed after `since`, so every entry whose read began after `since` is still good
 * until `ttlMs` after the latest check. A changed count (or none) makes `since` the time of that check
 * (or never), and entries read before it expire by their own ttl: an erasure anywhere is still seen
 * within `ttlMs` (docs/personal-data.md).
 */
class ErasureWatch {
  private count: number | undefined;
  private since = Infinity;
  private checkedAt = -Infinity;

  constructor(
    private readonly store: SubjectKeyStore,
    private readonly ttlMs: number,
  ) {}

  /** entries read after the returned time are good now (Infinity: none beyond their own ttl) */
  extendedSince(now: number): number {
    if (!this.store.peekErasures) return Infinity;
    if (now - this.checkedAt > this.ttlMs) {
      const count = attempt(() => this.store.peekErasures!());
      if (count === undefined) this.since = Infinity;
      else if (count !== this.count) this.since = now; // also the first count after none (start, reset, a failed read)
      this.count = count;
      this.checkedAt = now;
    }
    return this.since;
  }

  /** after an erasure made here: nothing read before it is extended */
  reset(): void {
    this.since = Infinity;
    this.checkedAt = -Infinity;
    this.count = undefined;
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
  private readonly erasures: ErasureWatch;
  private readonly now: () => number;

  constructor(
    readonly store: SubjectKeyStore,
    options: SubjectKeysOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    const ttlMs = options.ttlMs ?? 1_000;
    const max = options.maxEntries ?? 10_000;
    this.erasures = new ErasureWatch(store, ttlMs);
    const extendedSince = (now: number): number => this.erasures.extendedSince(now);
    this.subjects = new BoundedCache(ttlMs, max, this.now, extendedSince);
    this.keys = new BoundedCache(ttlMs, max, this.now, extendedSince, (key) => key !== null);
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
    const lookup = await this.lookupOf(subject);
    const readAt = this.now();
    const found = await this.store.subjectFor(lookup);
    this.subjects.set(subject, found, readAt);
    this.keys.set(found.id, found.key, readAt);
    return found;
  }

  async keyOf(subjectId: string): Promise<Buffer | null> {
    const known = this.knownKey(subjectId);
    if (known !== undefined) return known;
    const readAt = this.now();
    const key = await this.store.keyOf(subjectId);
    this.keys.set(subjectId, key, readAt);
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
    const lookup = keyedLookup(this.secretBytes, subject);
    const readAt = this.now();
    const found = attempt(() => this.store.peekSubject!(lookup));
    if (!found) return undefined;
    this.subjects.set(subject, found, readAt);
    this.keys.set(found.id, found.key, readAt);
    return found;
  }

  /** keyOf() without waiting, when the answer is at hand (cached, or SubjectKeyStore.peekKey); undefined otherwise */
  knownKey(subjectId: string): Buffer | null | undefined {
    const cached = this.keys.get(subjectId);
    if (cached !== undefined || !this.store.peekKey) return cached;
    const readAt = this.now();
    const key = attempt(() => this.store.peekKey!(subjectId));
    if (key !== undefined) this.keys.set(subjectId, key, readAt);
    return key;
  }

  /** destroys the keys of these subjects (names); answers the ids of those that existed */
  async erase(subjects: readonly string[], erasedAt: string): Promise<string[]> {
    const lookups = await Promise.all(subjects.map((subject) => this.lookupOf(subject)));
    const ids = await this.store.erase(lookups, erasedAt);
    this.subjects.clear();
    this.keys.clear();
    this.erasures.reset();
    return ids;
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
