import type { Db } from 'mongodb';
import type { RecordedEvent } from '@orders/event-store';

/**
 * Maps a logical collection name to the physical one: identity for the live collections, a suffix
 * (`name => name + '__rebuild'`) while a rebuild fills fresh ones — the counterpart of TableNamer of
 * the SQLite parts. Every collection a part reads or writes (its own and the ones it joins, such as
 * the contact register) goes through it.
 */
export type CollectionNamer = (logical: string) => string;

/** The namer of the live collections. */
export const LIVE_COLLECTIONS: CollectionNamer = (logical) => logical;

/**
 * One read model of the MongoDB backend: its collections, their indexes and how events change them —
 * the counterpart of SqliteProjectionPart. MongoDB has no transaction spanning a batch here (a
 * standalone server is enough), so every part must make re-applying events harmless: documents carry
 * the stream revision they reflect and a write only lands when it moves that revision forward (or,
 * for values derived from other collections, such as an order's contact, it is recomputed from their
 * current state). The store moves its checkpoint after all parts have applied a batch; a crash in
 * between re-applies the batch, which then changes nothing. Parts run in the order of mongo-parts.ts
 * (registers first), each over the whole batch. Register new parts in mongo-parts.ts.
 */
export interface MongoProjectionPart {
  readonly name: string;
  /** stream-id prefixes whose events this part reads */
  readonly streamPrefixes: readonly string[];
  /** logical names of the collections it owns (a rebuild creates, fills and swaps each of them) */
  readonly collections: readonly string[];
  /** creates the indexes its writes and queries need on `c(collection)` (idempotent; run at start) */
  ensureIndexes(db: Db, c: CollectionNamer): Promise<void>;
  /**
   * applies events (position order, all above the store's checkpoint) to `c(…)` collections; must be
   * idempotent. `fence` is the writer's fencing token (fence.ts): every write requires the document's
   * `fence` to be ≤ it and stores it (0: unfenced, e.g. a part under test).
   */
  apply(db: Db, events: readonly RecordedEvent[], c: CollectionNamer, fence?: number): Promise<void>;
}
