/**
 * The key store of crypto-shredding (docs/personal-data.md): one AES-256 key per data subject, kept
 * apart from the event store (embedded: `DATA_DIR/subject-keys.sqlite`; distributed: the MongoDB
 * collection `personal_data_subjects`). A subject is found by its lookup, a keyed hash (HMAC-SHA-256
 * under this store's secret) of `<matchKeyType>:<normalised value>`, so the store holds no plaintext
 * identifier either. Erasing a subject destroys its key and forgets its lookup: data encrypted with it
 * is unreadable for good, and the same e-mail next time is a new subject.
 */
export interface DataSubject {
  /** random id, written in clear next to the ciphertext in events */
  id: string;
  /** 32 bytes (AES-256) */
  key: Buffer;
}

export interface SubjectKeyStore {
  /** creates what the store needs; idempotent */
  prepare(): Promise<void>;
  /** the secret the lookups are keyed with (created on first use, then always the same) */
  lookupSecret(): Promise<Buffer>;
  /** the live subject of a lookup, created (atomically, once across instances) when there is none */
  subjectFor(lookup: string): Promise<DataSubject>;
  /** the key of a subject; null once erased (or never known) */
  keyOf(subjectId: string): Promise<Buffer | null>;
  /**
   * Optional reads answered at once, for the append and projection paths (no promise per event): the live
   * subject of a lookup and a subject's key, when this store can read them on the calling thread. undefined
   * when it cannot say (a subject not found, which subjectFor() creates; no reader; an erasure in flight;
   * a read that failed): the caller then asks subjectFor() / keyOf(), which answer or report the fault.
   */
  peekSubject?(lookup: string): DataSubject | undefined;
  peekKey?(subjectId: string): Buffer | null | undefined;
  /**
   * Optional, answered at once: how many erasures this store has committed, a count that only grows (any
   * instance's erasures). undefined when it cannot say. With it, SubjectKeys keeps what it read for as long
   * as the count stays the same, checking it once per ttl instead of reading every entry again.
   */
  peekErasures?(): number | undefined;
  /** destroys the keys of the live subjects of these lookups and forgets the lookups; answers their ids */
  erase(lookups: readonly string[], erasedAt: string): Promise<string[]>;
  close(): Promise<void>;
}

export const KEY_BYTES = 32;
